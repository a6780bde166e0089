package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** aiperf's metric definitions on hand-made timelines (times in ms, as nanoseconds). */
class RequestTimelineTest {
  private static final long MS = 1_000_000L;

  /** Start at 100 ms, first token at 150 ms, then 4 more 10 ms apart, last byte at 192 ms. */
  private static final RequestTimeline FIVE_TOKENS =
      new RequestTimeline(
          true,
          100 * MS,
          new long[] {150 * MS, 160 * MS, 170 * MS, 180 * MS, 190 * MS},
          192 * MS,
          5);

  @Test
  void ttftIsTheFirstResponseMinusTheStart() {
    assertThat(FIVE_TOKENS.ttftNanos()).hasValue(50 * MS);
  }

  @Test
  void requestLatencyRunsToTheLastByte() {
    assertThat(FIVE_TOKENS.requestLatencyNanos()).isEqualTo(92 * MS);
  }

  @Test
  void itlIsLatencyLessTtftOverTokensLessOne() {
    // (92 - 50) / (5 - 1) = 10.5 ms
    assertThat(FIVE_TOKENS.itlNanos()).hasValue(10.5 * MS);
    assertThat(FIVE_TOKENS.outputTokensPerSecondPerUser().getAsDouble())
        .isEqualTo(1e9 / (10.5 * MS));
  }

  @Test
  void itlCountsTokensNotChunks() {
    // Two chunks carrying 9 tokens (a server that batches tokens per event): ITL spreads the time
    // over the tokens, the inter-chunk latency is the one gap between the chunks.
    RequestTimeline batched =
        new RequestTimeline(true, 0, new long[] {40 * MS, 120 * MS}, 120 * MS, 9);

    assertThat(batched.itlNanos()).hasValue(10.0 * MS);
    assertThat(batched.interChunkNanos()).containsExactly(80 * MS);
  }

  @Test
  void interChunkLatencyIsEveryGapBetweenResponses() {
    RequestTimeline uneven =
        new RequestTimeline(true, 0, new long[] {30 * MS, 31 * MS, 45 * MS, 46 * MS}, 50 * MS, 4);

    assertThat(uneven.interChunkNanos()).containsExactly(1 * MS, 14 * MS, 1 * MS);
    assertThat(uneven.responses()).isEqualTo(4);
  }

  @Test
  void oneTokenHasTtftButNoItl() {
    RequestTimeline one = new RequestTimeline(true, 0, new long[] {25 * MS}, 26 * MS, 1);

    assertThat(one.ttftNanos()).hasValue(25 * MS);
    assertThat(one.itlNanos()).isEmpty();
    assertThat(one.interChunkNanos()).isEmpty();
  }

  @Test
  void nonStreamingHasOnlyRequestLatency() {
    RequestTimeline whole = new RequestTimeline(false, 0, new long[] {500 * MS}, 500 * MS, 100);

    assertThat(whole.ttftNanos()).isEmpty();
    assertThat(whole.itlNanos()).isEmpty();
    assertThat(whole.requestLatencyNanos()).isEqualTo(500 * MS);
  }

  @Test
  void rejectsImpossibleTimelines() {
    assertThatThrownBy(() -> new RequestTimeline(true, 10, new long[] {5}, 20, 1))
        .hasMessageContaining("in order");
    assertThatThrownBy(() -> new RequestTimeline(true, 10, new long[] {30}, 20, 1))
        .hasMessageContaining("in order");
    assertThatThrownBy(() -> new RequestTimeline(true, 10, new long[0], 5, 0))
        .hasMessageContaining("end before start");
  }

  @Test
  void goodputCountsRequestsMeetingEveryTarget() {
    SloTargets ttft60itl11 =
        new SloTargets(
            Optional.of(Duration.ofMillis(60)),
            Optional.of(Duration.ofMillis(11)),
            Optional.empty());
    SloTargets ttft40 =
        new SloTargets(Optional.of(Duration.ofMillis(40)), Optional.empty(), Optional.empty());
    SloTargets itl10 =
        new SloTargets(Optional.empty(), Optional.of(Duration.ofMillis(10)), Optional.empty());
    SloTargets latency92 =
        new SloTargets(Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(92)));

    assertThat(ttft60itl11.isMetBy(FIVE_TOKENS)).isTrue();
    assertThat(ttft40.isMetBy(FIVE_TOKENS)).as("TTFT 50 ms > 40 ms").isFalse();
    assertThat(itl10.isMetBy(FIVE_TOKENS)).as("ITL 10.5 ms > 10 ms").isFalse();
    assertThat(latency92.isMetBy(FIVE_TOKENS)).as("targets are inclusive").isTrue();
    assertThat(SloTargets.NONE.isMetBy(FIVE_TOKENS)).isTrue();
  }

  @Test
  void goodputTreatsMissingMetrics() {
    SloTargets ttftAndItl =
        new SloTargets(
            Optional.of(Duration.ofMillis(60)),
            Optional.of(Duration.ofMillis(1)),
            Optional.empty());
    RequestTimeline oneToken = new RequestTimeline(true, 0, new long[] {25 * MS}, 26 * MS, 1);
    RequestTimeline nonStreaming = new RequestTimeline(false, 0, new long[] {5 * MS}, 5 * MS, 3);
    RequestTimeline noOutput = new RequestTimeline(true, 0, new long[0], 5 * MS, 0);

    assertThat(ttftAndItl.isMetBy(oneToken)).as("one token has no gap to miss").isTrue();
    assertThat(ttftAndItl.isMetBy(nonStreaming)).as("no TTFT to meet").isFalse();
    assertThat(ttftAndItl.isMetBy(noOutput)).isFalse();
  }
}
