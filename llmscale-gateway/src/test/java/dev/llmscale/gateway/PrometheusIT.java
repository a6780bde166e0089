package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.emulator.LinearPerformanceModel;
import dev.llmscale.openai.ExternalTools;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's TTFT histogram as a real Prometheus server sees it: {@code histogram_quantile(0.99,
 * sum(rate(<prefix>time_to_first_token_seconds_bucket[1m])) by (le))}, the query a KEDA trigger
 * runs, agrees with the p99 the clients measured. Skipped without the {@code prometheus} binary
 * (unless {@code LLMSCALE_REQUIRE_TOOLS=1}).
 */
@ExtendWith(NettyLeakCheck.class)
class PrometheusIT {
  private static final int REQUESTS = 40;
  private static final int CONCURRENCY = 4;

  private EmulatorServer first;
  private EmulatorServer second;
  private GatewayServer gateway;
  private PrometheusServer prometheus;
  private PrometheusServer nativePrometheus;

  @BeforeEach
  void start() throws Exception {
    String binary = ExternalTools.require("prometheus");
    // Prefill costs 0.2 ms per token: prompts of 200 to 3,000 tokens take 0.04 to 0.6 s alone,
    // and longer when they share a replica's steps, spreading TTFT over 0.1 to 2 s.
    LinearPerformanceModel engine = new LinearPerformanceModel(0.004, 0.0002);
    first = EmulatorServer.start(Replicas.options(engine).build());
    second = EmulatorServer.start(Replicas.options(engine).build());
    gateway =
        GatewayServer.start(
            Replicas.gateway()
                .nativeHistograms(true)
                .router("least-load")
                .upstream(first.baseUri())
                .upstream(second.baseUri())
                .build());
    ApiClient api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
    prometheus = PrometheusServer.scraping(binary, gateway.baseUri(), List.of());
    nativePrometheus =
        PrometheusServer.scraping(
            binary, gateway.baseUri(), List.of("--enable-feature=native-histograms"));
  }

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (nativePrometheus != null) {
      nativePrometheus.close();
    }
    if (gateway != null) {
      gateway.close();
      first.close();
      second.close();
    }
  }

  /**
   * One load, two scrapers: a classic Prometheus reads the text format's buckets, one with native
   * histograms enabled negotiates protobuf and reads the native histogram.
   */
  @Test
  void prometheusP99OfTheTtftHistogramMatchesTheClientsP99() throws Exception {
    String histogram = "llmscale_frontend_time_to_first_token_seconds";
    String buckets = histogram + "_bucket";
    // Series exist at zero before the first request, so rate() counts every request.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                prometheus.query("count_over_time(" + buckets + "{le=\"+Inf\"}[1m])") >= 2
                    && nativePrometheus.query("histogram_count(" + histogram + ")") == 0);
    Thread.sleep(1500);

    List<Double> clientTtft = runLoad();
    Thread.sleep(3000); // three more scrapes
    double fromPrometheus =
        prometheus.query("histogram_quantile(0.99, sum(rate(" + buckets + "[1m])) by (le))");

    double fromNative =
        nativePrometheus.query("histogram_quantile(0.99, sum(rate(" + histogram + "[1m])))");

    double[] sorted = clientTtft.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double clientP99 = HistogramQuantile.exact(0.99, sorted);
    System.out.printf(
        "client TTFT p50 %.3f s, p99 %.3f s; Prometheus histogram_quantile p99 %.3f s (classic),"
            + " %.3f s (native)%n",
        sorted[sorted.length / 2], clientP99, fromPrometheus, fromNative);
    assertThat(sorted[0]).as("fastest TTFT").isGreaterThan(0.05);
    assertThat(clientP99).as("p99 in the range the buckets are made for").isBetween(0.1, 2.0);
    assertThat(fromPrometheus)
        .isCloseTo(clientP99, org.assertj.core.data.Percentage.withPercentage(10));
  }

  /** {@value #REQUESTS} streams of random prompt lengths, {@value #CONCURRENCY} at a time. */
  private List<Double> runLoad() throws Exception {
    ApiClient api = new ApiClient(gateway.baseUri());
    Random random = new Random(7);
    ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < REQUESTS; i++) {
      StringBuilder prompt = new StringBuilder();
      int tokens = 200 + random.nextInt(2800);
      for (int t = 0; t < tokens; t++) {
        prompt.append(t == 0 ? "" : ",").append(1000 + random.nextInt(30000));
      }
      bodies.add(
          "{\"model\":\"test-model\",\"prompt\":["
              + prompt
              + "],\"max_tokens\":3,\"stream\":true}");
    }
    ConcurrentLinkedQueue<Double> ttft = new ConcurrentLinkedQueue<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < CONCURRENCY; c++) {
        workers.add(
            clients.submit(
                () -> {
                  String body;
                  while ((body = bodies.poll()) != null) {
                    ApiClient.StreamedResponse response = api.stream("/v1/completions", body);
                    assertThat(response.status()).isEqualTo(200);
                    ttft.add(response.ttftSeconds());
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    return new ArrayList<>(ttft);
  }
}
