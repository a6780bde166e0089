package dev.llmscale.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forecast accuracy on synthetic series sampled every 15 s (the planner's tick) and forecast 300 s
 * ahead (a typical lead time of new GPU capacity), against the constant baseline.
 */
class LoadPredictorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int STEP = 15;
  private static final int HORIZON = 300;

  /** Mean absolute error relative to the truth, over forecasts made from {@code from} seconds. */
  private static double error(
      PredictorConfig config, DoubleUnaryOperator truth, double noise, int seconds, int from) {
    Random random = new Random(42);
    LoadPredictor predictor = config.create();
    double sum = 0;
    int n = 0;
    for (int t = 0; t <= seconds; t += STEP) {
      predictor.observe(t * SECOND, truth.applyAsDouble(t) * (1 + noise * random.nextGaussian()));
      if (t >= from) {
        double actual = truth.applyAsDouble(t + HORIZON);
        sum += Math.abs(predictor.forecast((t + HORIZON) * SECOND) - actual) / actual;
        n++;
      }
    }
    return sum / n;
  }

  static Stream<PredictorConfig> trendAware() {
    return Stream.of(PredictorConfig.Holt.DEFAULTS, PredictorConfig.KalmanTrend.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trendAware")
  void aNoiselessLinearTrendIsExtrapolatedWhereTheConstantLagsBySlopeTimesHorizon(
      PredictorConfig config) {
    DoubleUnaryOperator ramp = t -> 5 + 0.05 * t; // +3 req/s per minute
    LoadPredictor predictor = config.create();
    LoadPredictor constant = new ConstantPredictor();
    for (int t = 0; t <= 1800; t += STEP) {
      predictor.observe(t * SECOND, ramp.applyAsDouble(t));
      constant.observe(t * SECOND, ramp.applyAsDouble(t));
    }

    double truth = ramp.applyAsDouble(1800 + HORIZON);
    assertThat(predictor.forecast((1800 + HORIZON) * SECOND))
        .isCloseTo(truth, within(0.05 * truth));
    assertThat(truth - constant.forecast((1800 + HORIZON) * SECOND)).isEqualTo(0.05 * HORIZON);
  }

  static Stream<Arguments> series() {
    DoubleUnaryOperator ramp = t -> 5 + 45 * Math.min(1, t / 1800.0);
    DoubleUnaryOperator daily = t -> 50 + 30 * Math.sin(2 * Math.PI * t / 3600);
    DoubleUnaryOperator flat = t -> 20;
    return Stream.of(
        arguments("ramp 5 -> 50 req/s over 30 min, 10 % noise", ramp, 0.10, 1500, 600, 0.8),
        arguments("seasonal 50 ± 30, period 1 h, 5 % noise", daily, 0.05, 7200, 900, 0.85),
        arguments(
            "flat 20 req/s, 10 % noise: little worse than the baseline",
            flat, 0.10, 3600, 600, 1.3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void trendAwarePredictorsBeatTheConstantBaseline(
      String name,
      DoubleUnaryOperator truth,
      double noise,
      int seconds,
      int from,
      double maxRatioToConstant) {
    double constant = error(new PredictorConfig.Constant(), truth, noise, seconds, from);
    double holt = error(PredictorConfig.Holt.DEFAULTS, truth, noise, seconds, from);
    double kalman = error(PredictorConfig.KalmanTrend.DEFAULTS, truth, noise, seconds, from);

    assertThat(holt)
        .as("Holt vs constant %.3f", constant)
        .isLessThan(maxRatioToConstant * constant);
    assertThat(kalman)
        .as("Kalman %.3f vs constant %.3f", kalman, constant)
        .isLessThan(maxRatioToConstant * constant);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trendAware")
  void samplesAtIrregularIntervalsKeepTheTrendPerSecond(PredictorConfig config) {
    LoadPredictor predictor = config.create();
    long t = 0;
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      t += (5 + random.nextInt(40)) * SECOND;
      predictor.observe(t, 10 + 0.1 * t / SECOND);
    }

    double truth = 10 + 0.1 * (t / SECOND + 600);
    assertThat(predictor.forecast(t + 600 * SECOND)).isCloseTo(truth, within(0.03 * truth));
  }

  @Test
  void beforeTheFirstSampleThereIsNoForecast() {
    for (String kind : new String[] {"constant", "holt", "kalman"}) {
      LoadPredictor predictor = PredictorConfig.defaults(kind).create();
      assertThat(predictor.ready()).isFalse();
      assertThat(predictor.forecast(0)).isNaN();
      predictor.observe(0, 3);
      assertThat(predictor.ready()).isTrue();
      assertThat(predictor.forecast(60 * SECOND)).isEqualTo(3.0);
    }
  }

  @Test
  void badSamplesAndParametersAreRejected() {
    LoadPredictor holt = PredictorConfig.Holt.DEFAULTS.create();
    holt.observe(10 * SECOND, 1);

    assertThatThrownBy(() -> holt.observe(5 * SECOND, 1)).hasMessageContaining("time order");
    assertThatThrownBy(() -> holt.observe(20 * SECOND, Double.NaN)).hasMessageContaining("finite");
    assertThatThrownBy(() -> new PredictorConfig.Holt(0, 0.1))
        .hasMessageContaining("predictor.alpha must be in (0, 1]");
    assertThatThrownBy(() -> new PredictorConfig.KalmanTrend(0, 0.01, 0.001))
        .hasMessageContaining("predictor.observationNoise must be > 0");
    assertThatThrownBy(() -> PredictorConfig.defaults("arima"))
        .hasMessageContaining("predictor must be one of constant, holt, kalman");
  }
}
