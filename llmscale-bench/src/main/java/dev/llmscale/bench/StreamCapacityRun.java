package dev.llmscale.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Drives many concurrent token streams against one emulator and reports how many it sustained, at
 * what token rate, and how far the emitted tokens strayed from the times the engine model scheduled
 * (the emulator's own {@code llmscale_emulator_token_emit_lag_seconds}). The client runs on a
 * single event-loop thread so that, on a 2-core machine, the emulator keeps the other core.
 *
 * <pre>
 * java -cp llmscale-bench/target/llmscale-bench.jar dev.llmscale.bench.StreamCapacityRun \
 *     --url http://127.0.0.1:8001 --streams 1000 --prompt-tokens 128 --output-tokens 400
 * </pre>
 */
public final class StreamCapacityRun {
  static final String EMIT_LAG = "llmscale_emulator_token_emit_lag_seconds";
  static final String GAP_ERROR = "llmscale_emulator_token_gap_error_seconds";

  private StreamCapacityRun() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8001"));
    int streams = Integer.parseInt(options.getOrDefault("streams", "1000"));
    int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "128"));
    int outputTokens = Integer.parseInt(options.getOrDefault("output-tokens", "400"));
    double rampSeconds = Double.parseDouble(options.getOrDefault("ramp-seconds", "2"));
    long timeoutSeconds = Long.parseLong(options.getOrDefault("timeout-seconds", "600"));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String model = servedModel(http, url);

    StreamStats stats = new StreamStats();
    CountDownLatch ended = new CountDownLatch(streams);
    int[] active = {0, 0}; // current, peak; event-loop confined
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    try {
      String host = url.getHost() + ":" + url.getPort();
      Random random = new Random(42);
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
      for (int i = 0; i < streams; i++) {
        byte[] body = requestBody(model, promptTokens, outputTokens, random);
        long delayNanos = (long) (rampSeconds * 1e9 * i / streams);
        group.schedule(
            () -> {
              active[0]++;
              active[1] = Math.max(active[1], active[0]);
              bootstrap
                  .clone()
                  .handler(
                      new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                          ch.pipeline()
                              .addLast(new HttpClientCodec())
                              .addLast(
                                  new SseStream(
                                      host,
                                      body,
                                      stats,
                                      s -> {
                                        active[0]--;
                                        ended.countDown();
                                      }));
                        }
                      })
                  .connect(url.getHost(), url.getPort())
                  .addListener(
                      f -> {
                        if (!f.isSuccess()) {
                          stats.error("connect: " + f.cause().getMessage());
                          active[0]--;
                          ended.countDown();
                        }
                      });
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
      }
      if (!ended.await(timeoutSeconds, TimeUnit.SECONDS)) {
        System.out.println("timed out with " + ended.getCount() + " streams still open");
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double clientCpu = (processCpuNanos() - cpuBefore) / 1e9;
    report(streams, active[1], stats, seconds, clientCpu, get(http, url, "/metrics"));
  }

  private static void report(
      int streams, int peak, StreamStats stats, double seconds, double clientCpu, String metrics) {
    System.out.printf("streams requested      %d%n", streams);
    System.out.printf("peak concurrent        %d%n", peak);
    System.out.printf("completed              %d%n", stats.completed);
    System.out.printf(
        "errors                 %s%n", stats.errors.isEmpty() ? "none" : stats.errors);
    System.out.printf(
        "tokens received        %d in %.1f s = %.0f tokens/s%n",
        stats.tokens, seconds, stats.tokens / seconds);
    System.out.printf(
        "client CPU             %.1f s (%.0f%% of one core)%n",
        clientCpu, 100 * clientCpu / seconds);
    printHistogram("TTFT (client)", stats.ttftNanos);
    printHistogram("inter-token gap (client)", stats.gapNanos);
    for (String summary : new String[] {GAP_ERROR, EMIT_LAG}) {
      System.out.printf(
          "%-44s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms%n",
          summary,
          1e3 * PrometheusText.summaryQuantile(metrics, summary, "0.5"),
          1e3 * PrometheusText.summaryQuantile(metrics, summary, "0.9"),
          1e3 * PrometheusText.summaryQuantile(metrics, summary, "0.99"),
          1e3 * PrometheusText.summaryQuantile(metrics, summary, "0.999"));
    }
  }

  private static void printHistogram(String name, Histogram h) {
    System.out.printf(
        "%-22s p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
        name,
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6);
  }

  private static byte[] requestBody(String model, int promptTokens, int outputTokens, Random r) {
    StringBuilder json = new StringBuilder(promptTokens * 6 + 128);
    json.append("{\"model\":\"").append(model).append("\",\"prompt\":[");
    for (int t = 0; t < promptTokens; t++) {
      json.append(t == 0 ? "" : ",").append(1000 + r.nextInt(30000));
    }
    json.append("],\"max_tokens\":").append(outputTokens);
    json.append(",\"ignore_eos\":true,\"stream\":true}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String servedModel(HttpClient http, URI url) throws Exception {
    Matcher id =
        Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(get(http, url, "/v1/models"));
    if (!id.find()) {
      throw new IllegalStateException("no model listed at " + url + "/v1/models");
    }
    return id.group(1);
  }

  private static String get(HttpClient http, URI url, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " returned " + response.statusCode());
    }
    return response.body();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
