package dev.llmscale.core.workload;

/**
 * Quantiles of measured values by the nearest-rank method: the {@code q} quantile of {@code n}
 * sorted values is the {@code ceil(q·n)}-th, the smallest value that at least a share {@code q} of
 * them do not exceed. No interpolation, so a p99 is always a latency that was measured.
 */
public final class NearestRank {
  private NearestRank() {}

  /** The {@code q} quantile of {@code sorted} (ascending); NaN when there are none. */
  public static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
