package dev.llmscale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmscale.core.workload.ArrivalProcess;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalsTest {
  private static final long S = 1_000_000_000L;

  private static int[] perMinute(ArrivalProcess arrivals, int minutes) {
    int[] counts = new int[minutes];
    long previous = -1;
    for (long t = arrivals.nextArrivalNanos(); t != ArrivalProcess.NONE; ) {
      assertThat(t).isGreaterThanOrEqualTo(previous);
      counts[(int) (t / (60 * S))]++;
      previous = t;
      t = arrivals.nextArrivalNanos();
    }
    return counts;
  }

  @Test
  void poissonArrivalsFollowAStepInRate() {
    StepRate rate = new StepRate(List.of(new StepRate.Step(0, 8), new StepRate.Step(600 * S, 42)));
    int[] counts = perMinute(new PoissonRateArrivals(rate, new SplittableRandom(3), 1200 * S), 20);

    int before = 0;
    int after = 0;
    for (int minute = 0; minute < 10; minute++) {
      before += counts[minute];
      after += counts[minute + 10];
    }
    // 4800 and 25200 expected; five standard deviations either way
    assertThat(before).isBetween(4800 - 350, 4800 + 350);
    assertThat(after).isBetween(25200 - 800, 25200 + 800);
  }

  @Test
  void evenArrivalsAreExactlyOneOverTheRateApartAndStopAtTheEnd() {
    ArrivalProcess arrivals = new EvenRateArrivals(new ConstantRate(4), 2 * S);
    long[] times = new long[9];
    for (int i = 0; i < times.length; i++) {
      times[i] = arrivals.nextArrivalNanos();
    }
    assertThat(times)
        .containsExactly(
            0, S / 4, S / 2, 3 * S / 4, S, 5 * S / 4, 3 * S / 2, 7 * S / 4, ArrivalProcess.NONE);
  }

  @Test
  void aDiurnalRatePeaksAtItsPeakAndBottomsHalfAPeriodLater() {
    DiurnalRate rate = new DiurnalRate(10, 0.5, 86_400 * S, 14 * 3600 * S);
    assertThat(rate.ratePerSecond(14 * 3600 * S)).isEqualTo(15.0);
    assertThat(rate.ratePerSecond(2 * 3600 * S))
        .isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rate.maxRatePerSecond()).isEqualTo(15.0);
  }

  @Test
  void burstsAreStepsUpAndDown() {
    StepRate bursts = StepRate.bursts(5, 40, 600 * S, 1800 * S, 300 * S, 3600 * S);
    assertThat(bursts.ratePerSecond(599 * S)).isEqualTo(5.0);
    assertThat(bursts.ratePerSecond(600 * S)).isEqualTo(40.0);
    assertThat(bursts.ratePerSecond(900 * S)).isEqualTo(5.0);
    assertThat(bursts.ratePerSecond(2400 * S)).isEqualTo(40.0);
    assertThat(bursts.ratePerSecond(2700 * S)).isEqualTo(5.0);
  }

  @Test
  void badRatesAreRejectedNamingTheField() {
    assertThatThrownBy(
            () -> new StepRate(List.of(new StepRate.Step(10, 1), new StepRate.Step(5, 2))))
        .hasMessage("steps: times must increase strictly (step 1)");
    assertThatThrownBy(() -> new DiurnalRate(1, 1.5, S, 0))
        .hasMessage("diurnal.amplitude must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> new ConstantRate(-1))
        .hasMessage("rate must be >= 0 requests per second: -1.0");
  }
}
