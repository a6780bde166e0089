package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  private static final String BEFORE =
      """
      # TYPE vllm:time_to_first_token_seconds histogram
      vllm:time_to_first_token_seconds_bucket{engine="0",model_name="m",le="+Inf"} 10
      vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} 10
      vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} 0.5
      vllm:inter_token_latency_seconds_count{engine="0",model_name="m"} 100
      vllm:inter_token_latency_seconds_sum{engine="0",model_name="m"} 0.4
      vllm:prompt_tokens_total{engine="0",model_name="m"} 1000.0
      vllm:generation_tokens_total{engine="0",model_name="m"} 110.0
      llmscale_emulator_token_emit_lag_seconds{quantile="0.5"} 1.0E-4
      llmscale_emulator_token_emit_lag_seconds_count 100
      llmscale_emulator_token_emit_lag_seconds_sum 0.01
      """;

  @Test
  void readsTheServersViewOfARunFromTwoScrapes() {
    String after =
        BEFORE
            .replace(
                "_count{engine=\"0\",model_name=\"m\"} 10\n",
                "_count{engine=\"0\",model_name=\"m\"} 30\n")
            .replace(
                "seconds_sum{engine=\"0\",model_name=\"m\"} 0.5",
                "seconds_sum{engine=\"0\",model_name=\"m\"} 1.5")
            .replace(
                "_count{engine=\"0\",model_name=\"m\"} 100",
                "_count{engine=\"0\",model_name=\"m\"} 300")
            .replace("0.4", "1.2")
            .replace("1000.0", "4000.0")
            .replace("110.0", "330.0")
            .replace("seconds_count 100", "seconds_count 300")
            .replace("seconds_sum 0.01", "seconds_sum 0.05");

    ServerMetrics.ServerSide server =
        ServerMetrics.parse(after).since(ServerMetrics.parse(BEFORE)).orElseThrow();

    assertThat(server.family()).isEqualTo("vllm:");
    assertThat(server.requests()).isEqualTo(20);
    assertThat(server.ttftMeanMs()).isCloseTo(50.0, within(1e-9)); // 1.0 s over 20
    assertThat(server.itlMeanMs()).isCloseTo(4.0, within(1e-9)); // 0.8 s over 200
    assertThat(server.promptTokens()).isEqualTo(3000);
    assertThat(server.generationTokens()).isEqualTo(220);
    assertThat(server.emitLagMeanMs()).isCloseTo(0.2, within(1e-9)); // 0.04 s over 200
    assertThat(server.requestLatencyMeanMs()).isNaN();
  }

  @Test
  void aServerWithoutLatencyMetricsHasNoView() {
    ServerMetrics none = ServerMetrics.parse("up 1\n");

    assertThat(none.since(none)).isEmpty();
  }
}
