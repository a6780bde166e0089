package dev.llmscale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceFormat;
import dev.llmscale.core.workload.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraceReplayTest {
  private static final long S = 1_000_000_000L;

  /** One request a second for 100 s, the i-th with hash ids {i, i+1}. */
  private static Trace trace() {
    List<TraceRecord> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(new TraceRecord(i * S, 1024, 10, List.of((long) i, (long) i + 1)));
    }
    return new Trace("test", TraceFormat.MOONCAKE_JSONL, records);
  }

  @Test
  void aWindowIsShiftedToStartAtZeroAndTheTimeScaleStretchesIt() {
    Trace replay = TraceReplay.prepare(trace(), 10 * S, 20 * S, 0.5, 1, new SplittableRandom(1));

    assertThat(replay.records()).hasSize(20);
    assertThat(replay.records().get(0).arrivalNanos()).isZero();
    assertThat(replay.records().get(19).arrivalNanos()).isEqualTo(19 * S / 2);
    assertThat(replay.records().get(0).hashIds()).containsExactly(10L, 11L);
  }

  @Test
  void aRateScaleAboveOneAddsCopiesWithTheirOwnPrefixIds() {
    Trace replay = TraceReplay.prepare(trace(), 0, Long.MAX_VALUE, 1, 2.5, new SplittableRandom(1));

    assertThat(replay.records().size()).isBetween(230, 270);
    assertThat(replay.spanNanos()).isLessThan(101 * S);
    long originals = replay.records().stream().filter(r -> r.hashIds().get(0) < 1000).count();
    assertThat(originals).isEqualTo(100);
  }

  @Test
  void copiesSpreadAroundTheirOriginalAndStayWithinTheReplay() {
    Trace replay =
        TraceReplay.prepare(trace(), 0, Long.MAX_VALUE, 1, 8, 60 * S, new SplittableRandom(1));

    assertThat(replay.records()).hasSize(800);
    // reflected at 0 s and at the last original (99 s): the first and last 30 s are not thinned
    assertThat(replay.spanNanos()).isLessThanOrEqualTo(99 * S);
    long first = replay.records().stream().filter(r -> r.arrivalNanos() < 30 * S).count();
    long middle =
        replay.records().stream()
            .filter(r -> r.arrivalNanos() >= 30 * S && r.arrivalNanos() < 60 * S)
            .count();
    assertThat((double) first).isCloseTo(middle, within(0.15 * middle));
    assertThatThrownBy(
            () -> TraceReplay.prepare(trace(), 0, Long.MAX_VALUE, 1, 8, 0, new SplittableRandom(1)))
        .hasMessage("trace.copySpread must be > 0: 0");
  }

  @Test
  void aRateScaleBelowOneThinsTheTrace() {
    Trace replay = TraceReplay.prepare(trace(), 0, Long.MAX_VALUE, 1, 0.3, new SplittableRandom(1));

    assertThat(replay.records().size()).isBetween(15, 45);
  }

  @Test
  void anEmptyWindowIsAnError() {
    assertThatThrownBy(
            () -> TraceReplay.prepare(trace(), 500 * S, S, 1, 1, new SplittableRandom(1)))
        .hasMessage("trace test has no request in the chosen window and rate scale");
  }
}
