package dev.llmscale.emulator;

import dev.llmscale.core.engine.EngineConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A manual load probe, not a test: N concurrent streams from one cheap NIO client thread against
 * the emulator, then the emulator's token emit lag and gap error. The JIT is warmed on a throw-away
 * server first, so the measured server starts with compiled code.
 *
 * <ul>
 *   <li>{@code probe streams maxTokens stepMillis}: server and client in this process;
 *   <li>{@code probe serve warmUpPort port streams stepMillis}: only the two servers (run it pinned
 *       to the cores under test, e.g. {@code taskset -c 0,1});
 *   <li>{@code probe load warmUpUrl url streams maxTokens stepMillis}: only the client.
 * </ul>
 */
public final class StreamLoadProbe {
  private StreamLoadProbe() {}

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "probe") {
      case "serve" -> {
        int streams = Integer.parseInt(args[3]);
        double step = Double.parseDouble(args[4]) / 1000;
        EmulatorServer warmUp = startServer(Integer.parseInt(args[1]), streams, step);
        EmulatorServer measured = startServer(Integer.parseInt(args[2]), streams, step);
        System.out.println("serving on " + warmUp.baseUri() + " and " + measured.baseUri());
        new CountDownLatch(1).await();
      }
      case "load" -> {
        int streams = Integer.parseInt(args[3]);
        int maxTokens = Integer.parseInt(args[4]);
        double step = Double.parseDouble(args[5]) / 1000;
        run(URI.create(args[1]), Math.min(streams, 200), 200, step);
        URI base = URI.create(args[2]);
        run(base, streams, maxTokens, step);
        String metrics =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        for (String line : metrics.split("\n")) {
          if (line.startsWith("llmscale_emulator_token_")) {
            System.out.println(line);
          }
        }
      }
      default -> {
        int streams = Integer.parseInt(args[1]);
        int maxTokens = Integer.parseInt(args[2]);
        double step = Double.parseDouble(args[3]) / 1000;
        try (EmulatorServer warmUp = startServer(0, streams, step)) {
          run(warmUp.baseUri(), Math.min(streams, 200), 200, step);
        }
        try (EmulatorServer server = startServer(0, streams, step)) {
          run(server.baseUri(), streams, maxTokens, step);
          print("server emit lag", server.tokenEmitLag());
          print("server gap error", server.tokenGapError());
        }
      }
    }
  }

  private static EmulatorServer startServer(int port, int streams, double stepSeconds)
      throws InterruptedException {
    return EmulatorServer.start(
        TestServers.options(LinearPerformanceModel.fixed(stepSeconds))
            .port(port)
            .engineConfig(
                EngineConfig.defaults(TestServers.MAX_MODEL_LEN, 1 << 18)
                    .withMaxNumSeqs(Math.max(256, streams)))
            .ioThreads(Integer.getInteger("io", 2))
            .build());
  }

  private static void print(String what, LatencySummary summary) {
    System.out.printf(
        "%s over %d tokens: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        what,
        summary.count(),
        summary.p50() * 1e3,
        summary.p90() * 1e3,
        summary.p99() * 1e3,
        summary.p999() * 1e3,
        summary.max() * 1e3);
  }

  private static void run(URI base, int streams, int maxTokens, double stepSeconds)
      throws IOException {
    String body =
        "{\"stream\":true,\"max_tokens\":"
            + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "Explain continuous batching in detail. ".repeat(12)
            + "\"}]}";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] request =
        ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + bodyBytes.length
                + "\r\n\r\n"
                + body)
            .getBytes(StandardCharsets.UTF_8);
    // Gaps between successive reads that carried tokens, per connection, in microseconds.
    Histogram gaps = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Selector selector = Selector.open();
    for (int i = 0; i < streams; i++) {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.connect(new InetSocketAddress(base.getHost(), base.getPort()));
      channel.register(
          selector, SelectionKey.OP_CONNECT, new Conn(maxTokens + 2)); // role, tokens, [DONE]
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    byte[] scratch = new byte[1 << 16];
    int done = 0;
    long tokens = 0;
    long start = System.nanoTime();
    while (done < streams) {
      selector.select(1000);
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        SocketChannel channel = (SocketChannel) key.channel();
        Conn conn = (Conn) key.attachment();
        if (key.isConnectable()) {
          channel.finishConnect();
          channel.write(ByteBuffer.wrap(request));
          key.interestOps(SelectionKey.OP_READ);
          continue;
        }
        buffer.clear();
        int n = channel.read(buffer);
        long now = System.nanoTime();
        if (n < 0) {
          key.cancel();
          channel.close();
          done++;
          continue;
        }
        buffer.flip();
        buffer.get(scratch, 0, n);
        int events = conn.count(scratch, n);
        if (events > 0) {
          if (conn.lastRead > 0 && conn.events > 2) {
            gaps.recordValue(
                Math.min((now - conn.lastRead) / 1000, gaps.getHighestTrackableValue()));
          }
          conn.lastRead = now;
          tokens += events;
        }
        if (conn.finished) {
          key.cancel();
          channel.close();
          done++;
        }
      }
    }
    selector.close();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%d streams x %d tokens in %.1f s (%.0f events/s); client gaps between token reads:"
            + " p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (model step %.1f ms)%n",
        streams,
        maxTokens,
        seconds,
        tokens / seconds,
        gaps.getValueAtPercentile(50) / 1e3,
        gaps.getValueAtPercentile(99) / 1e3,
        gaps.getValueAtPercentile(99.9) / 1e3,
        gaps.getMaxValue() / 1e3,
        stepSeconds * 1e3);
  }

  /** Counts SSE events across reads; the stream is over after role, tokens and [DONE]. */
  private static final class Conn {
    private static final byte[] MARK = "data: ".getBytes(StandardCharsets.US_ASCII);
    private final long expected;
    long lastRead;
    long events;
    boolean finished;
    private int matched;

    Conn(long expected) {
      this.expected = expected;
    }

    int count(byte[] data, int length) {
      int found = 0;
      for (int i = 0; i < length; i++) {
        matched = data[i] == MARK[matched] ? matched + 1 : (data[i] == MARK[0] ? 1 : 0);
        if (matched == MARK.length) {
          matched = 0;
          found++;
        }
      }
      events += found;
      finished = events >= expected;
      return found;
    }
  }
}
