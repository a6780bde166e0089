package dev.llmscale.core.predict;

/**
 * Forecasts one load series (request rate, mean input or output tokens) from its past samples. Time
 * is an argument, as everywhere in the core: samples may come at irregular intervals, and a
 * forecast is asked for any time at or after the last sample.
 *
 * <p>Not thread-safe; one owner feeds and queries it.
 */
public interface LoadPredictor {

  /**
   * Feeds the value measured at {@code timeNanos}.
   *
   * @throws IllegalArgumentException if {@code value} is not finite or {@code timeNanos} is before
   *     the previous sample
   */
  void observe(long timeNanos, double value);

  /**
   * The expected value at {@code timeNanos} (at or after the last sample), or NaN before the first
   * sample. Not clamped: a falling trend may forecast below zero.
   */
  double forecast(long timeNanos);

  /**
   * The forecast at {@code timeNanos} for planning ahead: like {@link #forecast} where the
   * predictor can tell a trend from noise, but extrapolating a trend only when the data show it
   * (the level otherwise). A slope fitted to noise, multiplied by a lead time of minutes, would buy
   * capacity for load that is not coming. Predictors without such a test forecast as usual.
   */
  default double lookAhead(long timeNanos) {
    return forecast(timeNanos);
  }

  /** True once a sample has been observed. */
  boolean ready();

  /** The kind and the current state in a few words, for decision reasons and logs. */
  String describe();
}
