package dev.llmscale.core.predict;

import java.util.Locale;

/**
 * Which {@link LoadPredictor} to build, with its parameters; the planner builds one per series it
 * forecasts.
 */
public sealed interface PredictorConfig
    permits PredictorConfig.Constant, PredictorConfig.Holt, PredictorConfig.KalmanTrend {

  /** The kind names {@link #defaults(String)} accepts. */
  String KINDS = "constant, holt, kalman";

  LoadPredictor create();

  /** The kind as users write it: {@code constant}, {@code holt}, {@code kalman}. */
  String kind();

  /** The kind with its default parameters. */
  static PredictorConfig defaults(String kind) {
    return switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "constant" -> new Constant();
      case "holt" -> Holt.DEFAULTS;
      case "kalman" -> KalmanTrend.DEFAULTS;
      default ->
          throw new IllegalArgumentException(
              "predictor must be one of " + KINDS + ", not '" + kind + "'");
    };
  }

  /** The last value, as Dynamo's constant predictor: the baseline every other must beat. */
  record Constant() implements PredictorConfig {
    @Override
    public LoadPredictor create() {
      return new ConstantPredictor();
    }

    @Override
    public String kind() {
      return "constant";
    }
  }

  /**
   * Holt's double exponential smoothing (level and trend) for irregular sampling.
   *
   * @param alpha level smoothing, in (0, 1]
   * @param beta trend smoothing, in (0, 1]
   */
  record Holt(double alpha, double beta) implements PredictorConfig {
    public static final Holt DEFAULTS = new Holt(0.3, 0.1);

    public Holt {
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("predictor.alpha must be in (0, 1]: " + alpha);
      }
      if (!(beta > 0 && beta <= 1)) {
        throw new IllegalArgumentException("predictor.beta must be in (0, 1]: " + beta);
      }
    }

    @Override
    public LoadPredictor create() {
      return new HoltPredictor(alpha, beta);
    }

    @Override
    public String kind() {
      return "holt";
    }
  }

  /**
   * A Kalman filter on a local-linear-trend model. Noises are relative to the series' level, so the
   * same parameters suit 2 req/s and 2 000 tokens.
   *
   * @param observationNoise standard deviation of one measurement, as a fraction of the level
   * @param levelNoise random walk of the level, as a fraction of the level per √second
   * @param trendNoise random walk of the slope, as a fraction of the level per second per √second
   */
  record KalmanTrend(double observationNoise, double levelNoise, double trendNoise)
      implements PredictorConfig {
    public static final KalmanTrend DEFAULTS = new KalmanTrend(0.1, 0.003, 0.00003);

    public KalmanTrend {
      if (!(observationNoise > 0) || !Double.isFinite(observationNoise)) {
        throw new IllegalArgumentException(
            "predictor.observationNoise must be > 0: " + observationNoise);
      }
      if (!(levelNoise >= 0) || !Double.isFinite(levelNoise)) {
        throw new IllegalArgumentException("predictor.levelNoise must be >= 0: " + levelNoise);
      }
      if (!(trendNoise >= 0) || !Double.isFinite(trendNoise)) {
        throw new IllegalArgumentException("predictor.trendNoise must be >= 0: " + trendNoise);
      }
    }

    @Override
    public LoadPredictor create() {
      return new KalmanTrendPredictor(observationNoise, levelNoise, trendNoise);
    }

    @Override
    public String kind() {
      return "kalman";
    }
  }
}
