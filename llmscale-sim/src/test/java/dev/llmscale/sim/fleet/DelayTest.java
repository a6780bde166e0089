package dev.llmscale.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelayTest {
  private static final long S = 1_000_000_000L;

  private static long[] draws(Delay delay, int n) {
    SplittableRandom random = new SplittableRandom(11);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = delay.sampleNanos(random);
    }
    Arrays.sort(values);
    return values;
  }

  @Test
  void aFixedDelayIsAlwaysItself() {
    assertThat(draws(new FixedDelay(90 * S), 100)).containsOnly(90 * S);
  }

  @Test
  void aUniformDelayStaysWithinItsBoundsAndCentresOnItsMean() {
    long[] values = draws(new UniformDelay(60 * S, 120 * S), 10_000);

    assertThat(values[0]).isGreaterThanOrEqualTo(60 * S);
    assertThat(values[values.length - 1]).isLessThan(120 * S);
    assertThat(Arrays.stream(values).average().orElseThrow() / S).isCloseTo(90, within(1.0));
    assertThat(new UniformDelay(60 * S, 120 * S).meanNanos()).isEqualTo(90 * S);
  }

  @Test
  void aNormalDelayNeverGoesBelowItsFloor() {
    long[] values = draws(new NormalDelay(40 * S, 30 * S, 30 * S), 10_000);

    assertThat(values[0]).isEqualTo(30 * S);
    assertThat(values[values.length / 2] / (double) S).isCloseTo(40, within(2.0));
  }

  @Test
  void aLogNormalDelayHasItsMedianAndALongRightTail() {
    LogNormalDelay delay = new LogNormalDelay(180 * S, 0.3);
    long[] values = draws(delay, 10_000);

    assertThat(values[values.length / 2] / (double) S).isCloseTo(180, within(5.0));
    // the 99th percentile is exp(2.326 · 0.3) = 2.0 times the median
    assertThat(values[9_900] / (double) S).isCloseTo(361, within(15.0));
    assertThat(delay.meanNanos() / (double) S).isCloseTo(188.3, within(0.1));
  }

  @Test
  void aLogNormalDelayWithAFloorCutsOnlyItsLeftTail() {
    LogNormalDelay delay = new LogNormalDelay(180 * S, 0.3, 120 * S);
    long[] values = draws(delay, 10_000);

    assertThat(values[0]).isEqualTo(120 * S);
    assertThat(values[values.length / 2] / (double) S).isCloseTo(180, within(5.0));
  }

  @Test
  void everyDelayKnowsItsLeastDraw() {
    assertThat(new FixedDelay(60 * S).minNanos()).isEqualTo(60 * S);
    assertThat(new UniformDelay(60 * S, 120 * S).minNanos()).isEqualTo(60 * S);
    assertThat(new NormalDelay(90 * S, 15 * S, 30 * S).minNanos()).isEqualTo(30 * S);
    assertThat(new LogNormalDelay(180 * S, 0.2).minNanos()).isZero();
    assertThat(new LogNormalDelay(180 * S, 0.2, 90 * S).minNanos()).isEqualTo(90 * S);
  }

  @Test
  void impossibleDelaysAreRejected() {
    assertThatThrownBy(() -> new UniformDelay(2 * S, S))
        .hasMessage("uniform delay needs 0 <= min <= max: 2.0 s, 1.0 s");
    assertThatThrownBy(() -> new FixedDelay(-1)).hasMessage("delay must be >= 0: -1 ns");
    assertThatThrownBy(() -> new LogNormalDelay(0, 0.3))
        .hasMessage("log-normal delay needs median > 0 and sigma >= 0: 0.0 s, 0.3");
    assertThatThrownBy(() -> new LogNormalDelay(180 * S, 0.3, 200 * S))
        .hasMessage("log-normal delay needs 0 <= min <= median: min 200.0 s, median 180.0 s");
  }
}
