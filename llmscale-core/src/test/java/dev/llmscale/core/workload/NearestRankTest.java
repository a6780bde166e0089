package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestRankTest {
  private static final double[] ONE_TO_HUNDRED = new double[100];

  static {
    for (int i = 0; i < 100; i++) {
      ONE_TO_HUNDRED[i] = i + 1;
    }
  }

  @ParameterizedTest(name = "q={0} of 1..100 is {1}")
  @CsvSource({"0.5, 50", "0.9, 90", "0.99, 99", "0.995, 100", "1.0, 100", "0.0, 1"})
  void takesTheCeilOfQTimesNthValue(double q, double expected) {
    assertThat(NearestRank.quantile(ONE_TO_HUNDRED, q)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "q={0} of one value")
  @CsvSource({"0.01", "0.5", "0.99"})
  void oneValueIsEveryQuantile(double q) {
    assertThat(NearestRank.quantile(new double[] {7}, q)).isEqualTo(7);
  }

  @ParameterizedTest(name = "q={0} of none")
  @CsvSource({"0.5", "0.99"})
  void noValuesHaveNoQuantile(double q) {
    assertThat(NearestRank.quantile(new double[0], q)).isNaN();
  }
}
