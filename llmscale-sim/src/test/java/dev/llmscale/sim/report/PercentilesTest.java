package dev.llmscale.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentilesTest {

  /** {@code n} sorted values, the last {@code above} of them above a target of 1. */
  private static double[] withAbove(int n, long above) {
    double[] values = new double[n];
    Arrays.fill(values, 0, (int) (n - above), 0.5);
    Arrays.fill(values, (int) (n - above), n, Double.POSITIVE_INFINITY);
    return values;
  }

  @ParameterizedTest(name = "q = {0}")
  @ValueSource(doubles = {0.5, 0.9, 0.95, 0.99, 0.995, 0.999})
  void allowedAboveIsTheMostValuesOverTheTargetTheQuantileStaysWithin(double q) {
    for (int n = 1; n <= 3000; n++) {
      long allowed = Percentiles.allowedAbove(n, q);

      assertThat(Percentiles.rank(withAbove(n, allowed), q)).as("n = %d", n).isLessThanOrEqualTo(1);
      if (allowed < n) {
        assertThat(Percentiles.rank(withAbove(n, allowed + 1), q)).as("n = %d", n).isGreaterThan(1);
      }
    }
  }

  @ParameterizedTest(name = "q = {0}")
  @ValueSource(doubles = {0.5, 0.9, 0.95, 0.99, 0.995, 0.999})
  void allowedAboveIsTheFloorOfTheShareLeftOver(double q) {
    assertThat(Percentiles.allowedAbove(0, q)).isZero();
    // away from rounding at the integers, floor((1 - q) n)
    for (int n = 1; n <= 3000; n++) {
      double share = (1 - q) * n;
      if (Math.abs(share - Math.rint(share)) > 1e-6) {
        assertThat(Percentiles.allowedAbove(n, q)).as("n = %d", n).isEqualTo((long) share);
      }
    }
    assertThat(Percentiles.allowedAbove(154_928, 0.99)).isEqualTo(1549);
  }
}
