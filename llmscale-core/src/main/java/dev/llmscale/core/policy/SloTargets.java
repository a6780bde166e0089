package dev.llmscale.core.policy;

import java.util.Locale;

/**
 * The latency objective the planner keeps: at quantile {@code quantile} (p95 = 0.95, p99 = 0.99)
 * time to first token stays under {@code ttftSeconds} and inter-token latency under {@code
 * itlSeconds}.
 */
public record SloTargets(double ttftSeconds, double itlSeconds, double quantile) {

  public SloTargets {
    if (!(ttftSeconds > 0) || !Double.isFinite(ttftSeconds)) {
      throw new IllegalArgumentException("slo.ttftSeconds must be > 0: " + ttftSeconds);
    }
    if (!(itlSeconds > 0) || !Double.isFinite(itlSeconds)) {
      throw new IllegalArgumentException("slo.itlSeconds must be > 0: " + itlSeconds);
    }
    if (!(quantile >= 0.5 && quantile < 1)) {
      throw new IllegalArgumentException(
          "slo.quantile must be in [0.5, 1) (0.95 for p95, 0.99 for p99): " + quantile);
    }
  }

  /** {@code p95}, {@code p99}, {@code p99.9}. */
  public String quantileName() {
    double percent = quantile * 100;
    return percent == Math.rint(percent)
        ? String.format(Locale.ROOT, "p%.0f", percent)
        : String.format(Locale.ROOT, "p%s", Double.toString(percent));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s TTFT <= %.3f s, %s ITL <= %.3f s",
        quantileName(),
        ttftSeconds,
        quantileName(),
        itlSeconds);
  }
}
