package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import dev.llmscale.openai.testing.PrometheusText;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The /metrics exposition: vLLM's names and values, wall-clock latencies, valid text format. */
@ExtendWith(NettyLeakCheck.class)
class MetricsIT {
  /** 200 ms per modelled step, run ten times faster: 20 ms per step in wall time. */
  private static final double MODEL_STEP_SECONDS = 0.200;

  private static final double SPEED_UP = 10;
  private static EmulatorServer server;
  private static ApiClient api;
  private static String text;

  @BeforeAll
  static void startAndServeTraffic() throws Exception {
    server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(MODEL_STEP_SECONDS))
                .speedUp(SPEED_UP)
                .build());
    api = new ApiClient(server.baseUri());
    String shared = "You are a helpful assistant. ".repeat(20);
    for (int i = 0; i < 3; i++) {
      ApiClient.StreamedResponse response =
          api.stream(
              "/v1/chat/completions",
              """
              {"stream":true,"max_tokens":10,"messages":[
                {"role":"system","content":"%s"},{"role":"user","content":"question %d"}]}
              """
                  .formatted(shared, i));
      assertThat(response.events()).hasSize(12);
    }
    assertThat(api.post("/v1/completions", "{\"prompt\":\"hi\"}").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                PrometheusText.value(
                        api.get("/metrics").body(),
                        "vllm:request_success_total",
                        "finished_reason=\"stop\"")
                    == 1);
    text = api.get("/metrics").body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void exportsVllmFamiliesWithModelAndEngineLabels() {
    List<String> families =
        List.of(
            "vllm:num_requests_running gauge",
            "vllm:num_requests_waiting gauge",
            "vllm:kv_cache_usage_perc gauge",
            "vllm:gpu_cache_usage_perc gauge",
            "vllm:prefix_cache_queries_total counter",
            "vllm:prefix_cache_hits_total counter",
            "vllm:prompt_tokens_total counter",
            "vllm:generation_tokens_total counter",
            "vllm:num_preemptions_total counter",
            "vllm:request_success_total counter",
            "vllm:time_to_first_token_seconds histogram",
            "vllm:inter_token_latency_seconds histogram",
            "vllm:e2e_request_latency_seconds histogram",
            "vllm:request_queue_time_seconds histogram",
            "vllm:request_prompt_tokens histogram",
            "vllm:request_generation_tokens histogram",
            "llmscale_emulator_token_emit_lag_seconds summary");
    for (String family : families) {
      assertThat(text).contains("# TYPE " + family + "\n");
    }
    assertThat(text)
        .contains("vllm:num_requests_running{engine=\"0\",model_name=\"test-model\"} 0")
        .contains(
            "vllm:time_to_first_token_seconds_bucket{engine=\"0\",model_name=\"test-model\",le=\"0.001\"}")
        .contains(
            "vllm:request_prompt_tokens_bucket{engine=\"0\",model_name=\"test-model\",le=\"2000.0\"}");
  }

  @Test
  void countsTokensRequestsAndPrefixCacheHits() {
    assertThat(value("vllm:generation_tokens_total")).isEqualTo(3 * 10 + 256);
    assertThat(value("vllm:request_success_total", "finished_reason=\"length\"")).isEqualTo(3);
    assertThat(value("vllm:request_success_total", "finished_reason=\"stop\"")).isEqualTo(1);
    assertThat(value("vllm:time_to_first_token_seconds_count")).isEqualTo(4);
    assertThat(value("vllm:inter_token_latency_seconds_count")).isEqualTo(3 * 9 + 255);
    assertThat(value("vllm:e2e_request_latency_seconds_count")).isEqualTo(4);
    assertThat(value("vllm:request_generation_tokens_sum")).isEqualTo(3 * 10 + 256);
    // The three chats share a long system prompt: the second and third hit the prefix cache.
    assertThat(value("vllm:prefix_cache_hits_total")).isGreaterThan(2 * 100);
    assertThat(value("vllm:prefix_cache_queries_total"))
        .isEqualTo(value("vllm:prompt_tokens_total"));
  }

  @Test
  void reportsLatenciesInWallTimeUnderSpeedUp() {
    double wallStep = MODEL_STEP_SECONDS / SPEED_UP;
    double meanItl =
        value("vllm:inter_token_latency_seconds_sum")
            / value("vllm:inter_token_latency_seconds_count");
    assertThat(meanItl).isCloseTo(wallStep, within(0.003));
    double meanTtft =
        value("vllm:time_to_first_token_seconds_sum")
            / value("vllm:time_to_first_token_seconds_count");
    // One prefill step plus parsing and tokenizing (slow on a cold JVM): well under the 200 ms a
    // model-time report would show.
    assertThat(meanTtft).isBetween(wallStep, MODEL_STEP_SECONDS / 2);
  }

  @Test
  void reportsTheEmitLagOfEveryStreamedToken() {
    assertThat(value("llmscale_emulator_token_emit_lag_seconds_count")).isEqualTo(30);
    assertThat(value("llmscale_emulator_token_emit_lag_seconds", "quantile=\"0.99\""))
        .isGreaterThan(0)
        .isLessThan(0.010);
    LatencySummary lag = server.tokenEmitLag();
    assertThat(lag.count()).isEqualTo(30);
    assertThat(lag.p50()).isLessThanOrEqualTo(lag.p99());
  }

  @Test
  void passesPromtoolCheckMetrics() throws Exception {
    File promtool = onPath("promtool");
    boolean required = "1".equals(System.getenv("LLMSCALE_REQUIRE_TOOLS"));
    if (promtool == null) {
      assertThat(required)
          .as("promtool is required (LLMSCALE_REQUIRE_TOOLS=1) but not on PATH")
          .isFalse();
      Assumptions.abort("promtool not on PATH");
    }
    Process process =
        new ProcessBuilder(promtool.getPath(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // vLLM's names contain ':', which promtool's linter reserves for recording rules (exit 3);
    // that is the only complaint allowed. A parse error exits 1.
    List<String> problems =
        Arrays.stream(output.split("\n"))
            .filter(line -> !line.isBlank())
            .filter(line -> !line.matches("vllm:\\w+ metric names should not contain ':'"))
            .toList();
    assertThat(problems).as(output).isEmpty();
    assertThat(process.exitValue()).as(output).isIn(0, 3);
  }

  private static double value(String name, String... labels) {
    return PrometheusText.value(text, name, labels);
  }

  private static File onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, tool);
      if (candidate.canExecute()) {
        return candidate;
      }
    }
    return null;
  }
}
