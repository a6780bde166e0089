package dev.llmscale.core.predict;

import java.util.Locale;

/** Forecasts the last observed value, whatever the horizon. */
public final class ConstantPredictor implements LoadPredictor {
  private long lastNanos = Long.MIN_VALUE;
  private double last = Double.NaN;

  @Override
  public void observe(long timeNanos, double value) {
    Samples.check(timeNanos, value, lastNanos);
    lastNanos = timeNanos;
    last = value;
  }

  @Override
  public double forecast(long timeNanos) {
    return last;
  }

  @Override
  public boolean ready() {
    return lastNanos != Long.MIN_VALUE;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "constant %.3g", last);
  }
}
