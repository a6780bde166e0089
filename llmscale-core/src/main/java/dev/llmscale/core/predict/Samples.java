package dev.llmscale.core.predict;

/** Checks shared by the predictors. */
final class Samples {
  private Samples() {}

  static void check(long timeNanos, double value, long lastNanos) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a sample must be finite: " + value);
    }
    if (lastNanos != Long.MIN_VALUE && timeNanos < lastNanos) {
      throw new IllegalArgumentException(
          "samples must come in time order: " + timeNanos + " < " + lastNanos + " (ns)");
    }
  }
}
