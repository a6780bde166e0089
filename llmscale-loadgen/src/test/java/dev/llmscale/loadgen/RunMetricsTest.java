package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.workload.RequestTimeline;
import dev.llmscale.core.workload.SloTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Run statistics from hand-made request records (times in ms from the run's start). */
class RunMetricsTest {
  private static final long MS = 1_000_000L;
  private static final SloTargets TTFT_100_ITL_20 =
      new SloTargets(
          Optional.of(Duration.ofMillis(100)),
          Optional.of(Duration.ofMillis(20)),
          Optional.empty());

  @Test
  void aggregatesAiperfMetricsThroughputAndGoodput() {
    RunMetrics metrics = new RunMetrics(TTFT_100_ITL_20, 0);
    metrics.add(ok(0, 0, new long[] {50, 60, 70, 80}, 80, 4)); // ttft 50, itl 10: good
    metrics.add(ok(1, 200, new long[] {350, 360, 370, 380}, 380, 4)); // ttft 150: misses TTFT
    metrics.add(ok(2, 400, new long[] {450, 480, 510, 540}, 540, 4)); // itl 30: misses ITL
    metrics.add(ok(3, 1000, new long[] {1080, 1090}, 2000, 2)); // ttft 80, itl 910: misses ITL
    metrics.add(error(4, 500, ErrorKind.HTTP_STATUS, 503));
    metrics.add(error(5, 600, ErrorKind.HTTP_STATUS, 503));
    metrics.add(error(6, 700, ErrorKind.TIMEOUT, 0));
    metrics.add(error(7, 1900, ErrorKind.CANCELLED, 0));

    RunSummary s = metrics.summary(Instant.EPOCH, 8, 1, new Histogram(3), 0.5, 3, Map.of());

    assertThat(s.durationSeconds()).isEqualTo(2.0); // first start 0 ms to last end 2000 ms
    assertThat(s.succeeded()).isEqualTo(4);
    assertThat(s.errors()).containsExactly(Map.entry("http_503", 2L), Map.entry("timeout", 1L));
    assertThat(s.errorCount()).isEqualTo(3);
    assertThat(s.cancelled()).isEqualTo(1);
    assertThat(s.unsent()).isEqualTo(1);
    assertThat(s.good()).isEqualTo(1);
    assertThat(s.requestThroughput()).isEqualTo(2.0);
    assertThat(s.outputTokenThroughput()).isEqualTo(7.0); // 14 tokens in 2 s
    assertThat(s.goodput()).isEqualTo(0.5);
    assertThat(s.totalOutputTokens()).isEqualTo(14);
    assertThat(s.totalInputTokens()).isEqualTo(400);
    assertThat(s.totalServerPromptTokens()).isEqualTo(404);

    assertThat(s.ttft().count()).isEqualTo(4);
    assertThat(s.ttft().mean()).isCloseTo((50 + 150 + 50 + 80) / 4.0, within(0.1));
    assertThat(s.ttft().min()).isCloseTo(50, within(0.05));
    assertThat(s.ttft().max()).isCloseTo(150, within(0.1));
    assertThat(s.itl().count()).isEqualTo(4);
    assertThat(s.itl().p50()).isCloseTo(10, within(0.01));
    assertThat(s.itl().max()).isCloseTo(920, within(1.0)); // (1000 - 80) / (2 - 1)
    assertThat(s.interChunk().count()).isEqualTo(3 + 3 + 3 + 1);
    assertThat(s.requestLatency().max()).isCloseTo(1000, within(1.0));
    assertThat(s.outputTokens().mean()).isEqualTo(3.5);
    assertThat(s.outputTokensPerUser().max()).isCloseTo(100, within(0.1)); // 1 / 10 ms
    assertThat(s.clientCpuSeconds()).isEqualTo(0.5);
    assertThat(s.connectionsOpened()).isEqualTo(3);
  }

  @Test
  void percentilesFollowHdrHistogram() {
    RunMetrics metrics = new RunMetrics(SloTargets.NONE, 0);
    for (int i = 1; i <= 100; i++) {
      metrics.add(ok(i, 0, new long[] {i, i + 1}, i + 1, 2)); // TTFT i ms
    }

    RunSummary s = metrics.summary(Instant.EPOCH, 100, 0, new Histogram(3), 0, 0, Map.of());

    assertThat(s.ttft().p50()).isCloseTo(50, within(0.05));
    assertThat(s.ttft().p90()).isCloseTo(90, within(0.1));
    assertThat(s.ttft().p95()).isCloseTo(95, within(0.1));
    assertThat(s.ttft().p99()).isCloseTo(99, within(0.1));
    assertThat(s.ttft().max()).isCloseTo(100, within(0.1));
    assertThat(s.good()).isEqualTo(100);
  }

  @Test
  void theLiveP99CoversTheLastTenSeconds() {
    RunMetrics metrics = new RunMetrics(SloTargets.NONE, 0);
    metrics.add(ok(0, 0, new long[] {900}, 900, 1)); // TTFT 900 ms at 0.9 s
    metrics.add(ok(1, 12_000, new long[] {12_040}, 12_040, 1)); // TTFT 40 ms at 12 s

    assertThat(metrics.recentTtftP99Ms(5_000 * MS)).isCloseTo(900, within(1.0));
    assertThat(metrics.recentTtftP99Ms(12_500 * MS)).isCloseTo(40, within(0.1));
    assertThat(metrics.recentTtftP99Ms(40_000 * MS)).isNaN();
  }

  private static RequestRecord ok(
      long index, long startMs, long[] responsesMs, long endMs, int out) {
    long[] responses = new long[responsesMs.length];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = responsesMs[i] * MS;
    }
    return new RequestRecord(
        index,
        startMs * MS,
        100,
        101,
        out,
        -1,
        200,
        null,
        null,
        "length",
        new RequestTimeline(true, startMs * MS, responses, endMs * MS, out));
  }

  private static RequestRecord error(long index, long startMs, ErrorKind kind, int status) {
    return new RequestRecord(
        index,
        startMs * MS,
        100,
        -1,
        10,
        -1,
        status,
        kind,
        "x",
        null,
        new RequestTimeline(true, startMs * MS, new long[0], (startMs + 5) * MS, 0));
  }
}
