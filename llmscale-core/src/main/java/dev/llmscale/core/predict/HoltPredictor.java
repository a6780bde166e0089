package dev.llmscale.core.predict;

import java.util.Locale;

/**
 * Holt's linear (double exponential) smoothing with the trend held per second, so samples may come
 * at irregular intervals. With {@code dt} the seconds since the previous sample:
 *
 * <pre>
 *   level' = alpha·y + (1 − alpha)·(level + trend·dt)
 *   trend' = beta·(level' − level)/dt + (1 − beta)·trend
 *   forecast(t) = level + trend·(t − t_last)
 * </pre>
 *
 * The first sample sets the level and a zero trend (a slope between two noisy samples would be
 * extrapolated far); two samples at one instant update the level only.
 */
public final class HoltPredictor implements LoadPredictor {
  private final double alpha;
  private final double beta;
  private int samples;
  private long lastNanos = Long.MIN_VALUE;
  private double level;
  private double trendPerSecond;

  public HoltPredictor(double alpha, double beta) {
    new PredictorConfig.Holt(alpha, beta); // validates
    this.alpha = alpha;
    this.beta = beta;
  }

  @Override
  public void observe(long timeNanos, double value) {
    Samples.check(timeNanos, value, lastNanos);
    double dt = samples == 0 ? 0 : (timeNanos - lastNanos) / 1e9;
    if (samples == 0) {
      level = value;
    } else if (dt == 0) {
      level = alpha * value + (1 - alpha) * level;
    } else {
      double previous = level;
      level = alpha * value + (1 - alpha) * (level + trendPerSecond * dt);
      trendPerSecond = beta * (level - previous) / dt + (1 - beta) * trendPerSecond;
    }
    samples++;
    lastNanos = timeNanos;
  }

  @Override
  public double forecast(long timeNanos) {
    if (samples == 0) {
      return Double.NaN;
    }
    return level + trendPerSecond * Math.max(0, timeNanos - lastNanos) / 1e9;
  }

  @Override
  public boolean ready() {
    return samples > 0;
  }

  /** The smoothed level at the last sample. */
  public double level() {
    return level;
  }

  /** The smoothed trend, per second. */
  public double trendPerSecond() {
    return trendPerSecond;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "holt level %.3g, trend %+.3g/min", level, trendPerSecond * 60);
  }
}
