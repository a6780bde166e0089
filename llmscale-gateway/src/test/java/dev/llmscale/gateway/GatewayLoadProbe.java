package dev.llmscale.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what the gateway costs, from a client on one NIO thread (behind {@code
 * docs/benchmarks.md}).
 *
 * <pre>
 * # TTFT through the gateway minus direct, one request at a time, alternating
 * java -cp ... dev.llmscale.gateway.GatewayLoadProbe latency \
 *     --direct http://127.0.0.1:8001 --gateway http://127.0.0.1:8080 --requests 400
 * # N concurrent streams, spread over the URLs given (the replicas, or the gateway)
 * java -cp ... dev.llmscale.gateway.GatewayLoadProbe streams --url http://127.0.0.1:8080 \
 *     --streams 1000 --output-tokens 300 --ramp-seconds 2
 * </pre>
 */
public final class GatewayLoadProbe {
  private GatewayLoadProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      switch (args[0]) {
        case "latency" -> latency(group, options);
        case "streams" -> streams(group, options);
        default -> throw new IllegalArgumentException("mode must be latency or streams");
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void latency(EventLoopGroup group, Map<String, String> options) throws Exception {
    URI direct = URI.create(options.get("direct"));
    URI gateway = URI.create(options.get("gateway"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "400"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "100"));
    int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "512"));
    int outputTokens = Integer.parseInt(options.getOrDefault("output-tokens", "16"));
    Random random = new Random(1);
    List<Long> viaDirect = new ArrayList<>();
    List<Long> viaGateway = new ArrayList<>();
    for (int i = 0; i < warmup + requests; i++) {
      byte[] body = body(promptTokens, outputTokens, random);
      boolean gatewayFirst = i % 2 == 0;
      long first = one(group, gatewayFirst ? gateway : direct, body, outputTokens).ttftNanos();
      long second = one(group, gatewayFirst ? direct : gateway, body, outputTokens).ttftNanos();
      if (i >= warmup) {
        viaGateway.add(gatewayFirst ? first : second);
        viaDirect.add(gatewayFirst ? second : first);
      }
    }
    long[] g = sorted(viaGateway);
    long[] d = sorted(viaDirect);
    System.out.printf(
        Locale.ROOT,
        "TTFT, %d requests one at a time (%d prompt tokens, %d output)%n",
        requests,
        promptTokens,
        outputTokens);
    for (double p : new double[] {50, 90, 99}) {
      System.out.printf(
          Locale.ROOT,
          "  p%-4.0f direct %7.2f ms   gateway %7.2f ms   added %6.2f ms%n",
          p,
          ms(percentile(d, p)),
          ms(percentile(g, p)),
          ms(percentile(g, p) - percentile(d, p)));
    }
    long[] added = new long[g.length];
    for (int i = 0; i < added.length; i++) {
      added[i] = viaGateway.get(i) - viaDirect.get(i);
    }
    Arrays.sort(added);
    System.out.printf(
        Locale.ROOT,
        "  per pair (gateway minus direct, same prompt): p50 %.2f ms, p90 %.2f ms%n",
        ms(percentile(added, 50)),
        ms(percentile(added, 90)));
  }

  private static ProbeStream.Result one(
      EventLoopGroup group, URI url, byte[] body, int outputTokens) throws Exception {
    CompletableFuture<ProbeStream.Result> result = new CompletableFuture<>();
    open(group, url, body, outputTokens, result::complete);
    ProbeStream.Result r = result.get(60, TimeUnit.SECONDS);
    if (r.error() != null) {
      throw new IllegalStateException(url + ": " + r.error());
    }
    return r;
  }

  private static void streams(EventLoopGroup group, Map<String, String> options) throws Exception {
    List<URI> urls = Arrays.stream(options.get("url").split(",")).map(URI::create).toList();
    int streams = Integer.parseInt(options.getOrDefault("streams", "1000"));
    int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "128"));
    int outputTokens = Integer.parseInt(options.getOrDefault("output-tokens", "300"));
    double rampSeconds = Double.parseDouble(options.getOrDefault("ramp-seconds", "2"));
    Random random = new Random(42);
    ConcurrentLinkedQueue<ProbeStream.Result> results = new ConcurrentLinkedQueue<>();
    CountDownLatch ended = new CountDownLatch(streams);
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      byte[] body = body(promptTokens, outputTokens, random);
      int index = i;
      group.schedule(
          () ->
              open(
                  group,
                  urls.get(index % urls.size()),
                  body,
                  outputTokens,
                  r -> {
                    results.add(r);
                    ended.countDown();
                  }),
          (long) (rampSeconds * 1e9 * i / streams),
          TimeUnit.NANOSECONDS);
    }
    boolean all = ended.await(600, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> ttft = new ArrayList<>();
    List<Long> gaps = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long events = 0;
    for (ProbeStream.Result r : results) {
      events += r.events();
      if (r.error() != null) {
        errors.add(r.error());
      } else {
        ttft.add(r.ttftNanos());
        for (long gap : r.gapNanos()) {
          gaps.add(gap);
        }
      }
    }
    long[] t = sorted(ttft);
    long[] g = sorted(gaps);
    System.out.printf(
        Locale.ROOT,
        "%s: %d streams (%d ok, %d errors%s), %d events in %.1f s = %.0f events/s%s%n",
        urls,
        streams,
        ttft.size(),
        errors.size(),
        errors.isEmpty() ? "" : ", first: " + errors.getFirst(),
        events,
        seconds,
        events / seconds,
        all ? "" : " (timed out)");
    System.out.printf(
        Locale.ROOT,
        "  TTFT p50 %.1f ms  p99 %.1f ms%n  token gap p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9"
            + " %.2f ms  max %.1f ms%n",
        ms(percentile(t, 50)),
        ms(percentile(t, 99)),
        ms(percentile(g, 50)),
        ms(percentile(g, 90)),
        ms(percentile(g, 99)),
        ms(percentile(g, 99.9)),
        ms(g.length == 0 ? 0 : g[g.length - 1]));
  }

  private static void open(
      EventLoopGroup group,
      URI url,
      byte[] body,
      int outputTokens,
      java.util.function.Consumer<ProbeStream.Result> onEnd) {
    String host = url.getHost() + ":" + url.getPort();
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new HttpClientCodec())
                    .addLast(new ProbeStream(host, body, outputTokens + 2, onEnd));
              }
            })
        .connect(url.getHost(), url.getPort())
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                onEnd.accept(
                    new ProbeStream.Result(0, -1, new long[0], 0, "connect: " + f.cause()));
              }
            });
  }

  /** A completion request with random token ids as its prompt (no tokenizer work upstream). */
  private static byte[] body(int promptTokens, int outputTokens, Random random) {
    StringBuilder json = new StringBuilder(promptTokens * 6 + 128);
    json.append("{\"prompt\":[");
    for (int t = 0; t < promptTokens; t++) {
      json.append(t == 0 ? "" : ",").append(1000 + random.nextInt(30000));
    }
    json.append("],\"max_tokens\":").append(outputTokens);
    json.append(",\"ignore_eos\":true,\"stream\":true}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long[] sorted(List<Long> values) {
    long[] array = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(array);
    return array;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static Map<String, String> parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: latency|streams --name value ...");
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
