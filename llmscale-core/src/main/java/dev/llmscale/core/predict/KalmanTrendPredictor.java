package dev.llmscale.core.predict;

import java.util.Locale;

/**
 * A Kalman filter on the local-linear-trend model: the state is (level, slope per second), the
 * level drifts by the slope plus noise, the slope drifts by noise, and each sample is the level
 * plus measurement noise. Over {@code dt} seconds the transition is {@code [[1, dt], [0, 1]]} with
 * the process noise of a random-walk level plus an integrated random-walk slope:
 *
 * <pre>
 *   Q = s²·( ql·dt·[[1, 0], [0, 0]] + qt·[[dt³/3, dt²/2], [dt²/2, dt]] ),   R = (r·s)²
 * </pre>
 *
 * where {@code s} is the current level (noises are relative, so one parameter set fits any scale)
 * and {@code ql, qt, r} are the squares of {@link PredictorConfig.KalmanTrend}'s noises. The filter
 * starts at the first sample with a wide slope prior, so the slope is learned from the data.
 */
public final class KalmanTrendPredictor implements LoadPredictor {
  private static final double MIN_SCALE = 1e-9;

  /** Standard errors a slope must stand from zero to be extrapolated by {@link #lookAhead}. */
  static final double TREND_SIGNIFICANCE = 2;

  /** Weight of the newest sample in the running mean of normalized squared innovations. */
  private static final double NIS_WEIGHT = 0.1;

  private final double observationNoise;
  private final double levelNoise;
  private final double trendNoise;

  private boolean started;
  private long lastNanos = Long.MIN_VALUE;
  private long firstNanos;
  private double level;
  private double slope;
  // covariance [[p00, p01], [p01, p11]]
  private double p00;
  private double p01;
  private double p11;
  // How the squared innovations compare with the variance the filter predicts for them (1 when the
  // noise settings fit the data): a running mean, which scales the slope's standard error.
  private double innovationRatio = 1;

  public KalmanTrendPredictor(double observationNoise, double levelNoise, double trendNoise) {
    new PredictorConfig.KalmanTrend(observationNoise, levelNoise, trendNoise); // validates
    this.observationNoise = observationNoise;
    this.levelNoise = levelNoise;
    this.trendNoise = trendNoise;
  }

  @Override
  public void observe(long timeNanos, double value) {
    Samples.check(timeNanos, value, lastNanos);
    if (!started) {
      started = true;
      firstNanos = timeNanos;
      lastNanos = timeNanos;
      level = value;
      slope = 0;
      double s = scale(value);
      p00 = sq(observationNoise * s);
      p01 = 0;
      p11 = sq(0.01 * s); // a slope of ±1 % of the level per second is plausible at first
      return;
    }
    double dt = (timeNanos - lastNanos) / 1e9;
    lastNanos = timeNanos;
    double s = scale(level);
    // predict
    double predictedLevel = level + slope * dt;
    double q = s * s;
    double ql = sq(levelNoise) * q;
    double qt = sq(trendNoise) * q;
    double n00 = p00 + 2 * dt * p01 + dt * dt * p11 + ql * dt + qt * dt * dt * dt / 3;
    double n01 = p01 + dt * p11 + qt * dt * dt / 2;
    double n11 = p11 + qt * dt;
    // update with the sample
    double r = sq(observationNoise * s);
    double innovation = value - predictedLevel;
    double variance = n00 + r;
    innovationRatio += NIS_WEIGHT * (innovation * innovation / variance - innovationRatio);
    double k0 = n00 / variance;
    double k1 = n01 / variance;
    level = predictedLevel + k0 * innovation;
    slope = slope + k1 * innovation;
    p00 = (1 - k0) * n00;
    p01 = (1 - k0) * n01;
    p11 = n11 - k1 * n01;
  }

  @Override
  public double forecast(long timeNanos) {
    if (!started) {
      return Double.NaN;
    }
    return level + slope * Math.max(0, timeNanos - lastNanos) / 1e9;
  }

  /**
   * Extrapolates the slope only when it is at least {@link #TREND_SIGNIFICANCE} standard errors
   * away from zero; the level otherwise. The standard error is the filter's own, scaled by how the
   * innovations compare with what the filter predicts for them (their normalized squares, a running
   * mean): cleaner data than the noise settings assume make a gentle trend significant, noisier
   * data (or samples of overlapping windows, whose errors persist) make a noisy slope
   * insignificant. A significant slope is extrapolated no further ahead than the span of the
   * samples it was learned from: three minutes of climb say little about the ten after them.
   */
  @Override
  public double lookAhead(long timeNanos) {
    if (!started) {
      return Double.NaN;
    }
    double standardError = Math.sqrt(Math.max(0, p11) * innovationRatio);
    if (Math.abs(slope) < TREND_SIGNIFICANCE * standardError) {
      return level;
    }
    // no further ahead than the history the slope was learned over
    long ahead = Math.min(Math.max(0, timeNanos - lastNanos), lastNanos - firstNanos);
    return level + slope * ahead / 1e9;
  }

  @Override
  public boolean ready() {
    return started;
  }

  public double level() {
    return level;
  }

  public double slopePerSecond() {
    return slope;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "kalman level %.3g, trend %+.3g/min", level, slope * 60);
  }

  private static double scale(double value) {
    return Math.max(Math.abs(value), MIN_SCALE);
  }

  private static double sq(double x) {
    return x * x;
  }
}
