package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Arrival processes run in virtual time: the test reads the times, nothing sleeps. */
class ArrivalProcessTest {

  @Test
  void constantRateSpacesArrivalsEvenlyWithoutDrift() {
    ConstantRateArrivals arrivals = new ConstantRateArrivals(3.0);

    assertThat(arrivals.nextArrivalNanos()).isZero();
    assertThat(arrivals.nextArrivalNanos()).isEqualTo(333_333_333L);
    assertThat(arrivals.nextArrivalNanos()).isEqualTo(666_666_667L);
    long last = 0;
    for (int i = 3; i <= 3_000_000; i++) {
      last = arrivals.nextArrivalNanos();
    }
    assertThat(last).isEqualTo(1_000_000_000_000_000L); // arrival 3,000,000 at exactly 1,000,000 s
  }

  @Test
  void constantRateOverALongRunIsTheRequestedRate() {
    assertThat(measuredRate(new ConstantRateArrivals(8), 100_000)).isCloseTo(8.0, within(0.001));
  }

  @Test
  void poissonRateOverALongRunIsWithinFivePercent() {
    for (double rate : new double[] {0.5, 8, 42, 5000}) {
      PoissonArrivals arrivals = new PoissonArrivals(rate, new SplittableRandom(7));
      assertThat(measuredRate(arrivals, 20_000)).isCloseTo(rate, within(rate * 0.05));
    }
  }

  @Test
  void poissonGapsAreExponential() {
    PoissonArrivals arrivals = new PoissonArrivals(10, new SplittableRandom(11));
    int n = 50_000;
    double[] gaps = new double[n];
    long previous = arrivals.nextArrivalNanos();
    for (int i = 0; i < n; i++) {
      long next = arrivals.nextArrivalNanos();
      gaps[i] = (next - previous) / 1e9;
      previous = next;
    }
    double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
    double variance =
        java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / (n - 1);
    long belowMean = java.util.Arrays.stream(gaps).filter(g -> g < 0.1).count();

    assertThat(mean).isCloseTo(0.1, within(0.003));
    assertThat(Math.sqrt(variance) / mean)
        .as("coefficient of variation")
        .isCloseTo(1.0, within(0.03));
    // P(gap < mean) = 1 - 1/e for an exponential distribution
    assertThat(belowMean / (double) n).isCloseTo(1 - Math.exp(-1), within(0.01));
  }

  @Test
  void poissonWithTheSameSeedRepeatsAndStartsAtZero() {
    PoissonArrivals a = new PoissonArrivals(5, new SplittableRandom(3));
    PoissonArrivals b = new PoissonArrivals(5, new SplittableRandom(3));
    assertThat(a.nextArrivalNanos()).isZero();
    assertThat(b.nextArrivalNanos()).isZero();
    for (int i = 0; i < 100; i++) {
      long next = a.nextArrivalNanos();
      assertThat(b.nextArrivalNanos()).isEqualTo(next);
    }
  }

  @Test
  void traceArrivalsFollowTheTraceScaledAndThenEnd() {
    List<TraceRecord> records =
        List.of(
            new TraceRecord(0, 10, 1, List.of()),
            new TraceRecord(1_000_000_000L, 10, 1, List.of()),
            new TraceRecord(3_000_000_000L, 10, 1, List.of()));

    TraceArrivals halfTime = new TraceArrivals(records, 0.5);

    assertThat(halfTime.nextArrivalNanos()).isZero();
    assertThat(halfTime.nextArrivalNanos()).isEqualTo(500_000_000L);
    assertThat(halfTime.nextArrivalNanos()).isEqualTo(1_500_000_000L);
    assertThat(halfTime.nextArrivalNanos()).isEqualTo(ArrivalProcess.NONE);
    assertThat(halfTime.nextArrivalNanos()).isEqualTo(ArrivalProcess.NONE);
  }

  @Test
  void ratesAndScalesMustBePositive() {
    assertThatThrownBy(() -> new ConstantRateArrivals(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new PoissonArrivals(-1, new SplittableRandom()))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new TraceArrivals(List.of(), Double.NaN))
        .hasMessageContaining("positive");
  }

  private static double measuredRate(ArrivalProcess arrivals, int count) {
    long first = arrivals.nextArrivalNanos();
    long last = first;
    for (int i = 1; i < count; i++) {
      long next = arrivals.nextArrivalNanos();
      assertThat(next).isGreaterThanOrEqualTo(last);
      last = next;
    }
    return (count - 1) / ((last - first) / 1e9);
  }
}
