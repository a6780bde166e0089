package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMetricsTextTest {

  @Test
  void sumsQueuesOverEnginesAndTakesTheFullestCache() {
    String text =
        """
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{engine="0",model_name="m"} 3.0
        vllm:num_requests_waiting{engine="1",model_name="m"} 2.0
        vllm:num_requests_running{engine="0",model_name="m {odd} \\"name\\""} 7.0
        vllm:num_requests_running{engine="1",model_name="m"} 1
        vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.25
        vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.5 1700000000000
        vllm:num_requests_waiting_by_reason{reason="x"} 99
        """;

    EngineSample sample = EngineMetricsText.parse(text, 42);

    assertThat(sample).isEqualTo(new EngineSample(5, 8, 0.5, 42));
  }

  @Test
  void fallsBackToTheDeprecatedCacheGauge() {
    EngineSample sample =
        EngineMetricsText.parse(
            "vllm:num_requests_running 2\nvllm:gpu_cache_usage_perc{model_name=\"m\"} 0.75\n", 1);

    assertThat(sample.kvUsage()).isEqualTo(0.75);
  }

  @Test
  void aServerWithoutVllmGaugesGivesNoSample() {
    assertThat(EngineMetricsText.parse("process_cpu_seconds_total 3\n", 1)).isNull();
  }
}
