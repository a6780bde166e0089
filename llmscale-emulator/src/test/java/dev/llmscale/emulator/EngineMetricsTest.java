package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMetricsTest {
  @Test
  void tokenBucketsFollowVllmsOneTwoFiveSeries() {
    assertThat(EngineMetrics.oneTwoFiveBuckets(100)).containsExactly(1, 2, 5, 10, 20, 50, 100);
    assertThat(EngineMetrics.oneTwoFiveBuckets(4096))
        .containsExactly(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000);
  }

  @Test
  void latencyBucketsAreVllms() {
    assertThat(EngineMetrics.TTFT_BUCKETS).startsWith(0.001, 0.005, 0.01).endsWith(2560.0);
    assertThat(EngineMetrics.ITL_BUCKETS).startsWith(0.01, 0.025).endsWith(80.0);
    assertThat(EngineMetrics.REQUEST_LATENCY_BUCKETS).startsWith(0.3, 0.5).endsWith(7680.0);
  }
}
