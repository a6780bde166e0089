package dev.llmscale.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LoadPredictor#lookAhead}: the Kalman filter extrapolates its slope only where it stands
 * {@link KalmanTrendPredictor#TREND_SIGNIFICANCE} standard errors from zero. Samples every 15 s
 * (the planner's tick), looked ahead 300 s (a typical lead time of new GPU capacity).
 */
class KalmanTrendPredictorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int STEP = 15;
  private static final int HORIZON = 300;

  private static KalmanTrendPredictor kalman() {
    return (KalmanTrendPredictor) PredictorConfig.KalmanTrend.DEFAULTS.create();
  }

  @Test
  void onWhiteNoiseAroundAFlatLevelTheLookAheadIsTheLevelWhileTheForecastDriftsWithTheNoise() {
    KalmanTrendPredictor predictor = kalman();
    Random random = new Random(42);
    double worstForecast = 0;
    double worstLookAhead = 0;
    for (int t = 0; t <= 3600; t += STEP) {
      predictor.observe(t * SECOND, 20 * (1 + 0.05 * random.nextGaussian()));
      if (t >= 600) {
        long ahead = (t + HORIZON) * SECOND;
        assertThat(predictor.lookAhead(ahead))
            .as("look-ahead at %d s", t)
            .isEqualTo(predictor.level());
        worstForecast = Math.max(worstForecast, Math.abs(predictor.forecast(ahead) - 20) / 20);
        worstLookAhead = Math.max(worstLookAhead, Math.abs(predictor.lookAhead(ahead) - 20) / 20);
      }
    }

    assertThat(worstLookAhead).as("worst relative error of the look-ahead").isLessThan(0.06);
    // a slope fitted to noise, times 300 s, moves the forecast more than twice as far
    assertThat(worstForecast)
        .as("worst relative error of the forecast")
        .isGreaterThan(2 * worstLookAhead);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // at least 6 % of the level per minute
    "'+6 req/s per minute from 10 to 100 req/s', 10, 0.1, 900, 300",
    // under 5 % of the level per minute from 60 req/s on, which the filter's own slope variance
    // alone (it assumes 10 % noise) would call noise
    "'+3 req/s per minute from 5 to 95 req/s', 5, 0.05, 1800, 600"
  })
  void aCleanRampIsExtrapolatedByTheLookAheadAsByTheForecast(
      String name, double start, double perSecond, int until, int checkedFrom) {
    DoubleUnaryOperator ramp = t -> start + perSecond * t;
    KalmanTrendPredictor predictor = kalman();
    for (int t = 0; t <= until; t += STEP) {
      predictor.observe(t * SECOND, ramp.applyAsDouble(t));
      if (t >= checkedFrom) {
        long ahead = (t + HORIZON) * SECOND;
        double truth = ramp.applyAsDouble(t + HORIZON);
        assertThat(predictor.lookAhead(ahead))
            .as("look-ahead at %d s", t)
            .isEqualTo(predictor.forecast(ahead))
            .isCloseTo(truth, within(0.05 * truth));
      }
    }
  }

  @Test
  void aSlopeIsExtrapolatedNoFurtherThanTheHistoryItWasLearnedFrom() {
    DoubleUnaryOperator ramp = t -> 10 + 0.1 * t;
    KalmanTrendPredictor predictor = kalman();
    for (int t = 0; t <= 60; t += STEP) {
      predictor.observe(t * SECOND, ramp.applyAsDouble(t));
    }
    double slope = (predictor.forecast(61 * SECOND) - predictor.forecast(60 * SECOND));
    // a minute of climb, looked ahead 300 s: one minute of it, not five
    assertThat(predictor.lookAhead((60 + HORIZON) * SECOND))
        .isCloseTo(predictor.level() + 60 * slope, within(1e-6))
        .isLessThan(predictor.forecast((60 + HORIZON) * SECOND));
  }

  @Test
  void beforeTheFirstSampleThereIsNoLookAhead() {
    KalmanTrendPredictor predictor = kalman();
    assertThat(predictor.lookAhead(HORIZON * SECOND)).isNaN();
    predictor.observe(0, 3);
    assertThat(predictor.lookAhead(HORIZON * SECOND)).isEqualTo(3.0);
  }

  static Stream<PredictorConfig> withoutSignificanceTest() {
    return Stream.of(new PredictorConfig.Constant(), PredictorConfig.Holt.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withoutSignificanceTest")
  void predictorsWithoutASignificanceTestLookAheadAsTheyForecast(PredictorConfig config) {
    LoadPredictor predictor = config.create();
    Random random = new Random(7);
    for (int t = 0; t <= 1800; t += STEP) {
      // noise around a flat level, then a ramp: a slope of noise and a real one
      double truth = t < 900 ? 20 : 20 + 0.05 * (t - 900);
      predictor.observe(t * SECOND, truth * (1 + 0.1 * random.nextGaussian()));
      long ahead = (t + HORIZON) * SECOND;
      assertThat(predictor.lookAhead(ahead))
          .as("look-ahead at %d s", t)
          .isEqualTo(predictor.forecast(ahead));
    }
  }
}
