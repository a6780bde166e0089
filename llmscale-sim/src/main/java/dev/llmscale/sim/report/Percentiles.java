package dev.llmscale.sim.report;

import dev.llmscale.core.workload.NearestRank;
import java.util.Arrays;

/**
 * Percentiles of a latency in seconds, nearest-rank (the value below which at least that share of
 * the observations lie, an observation itself, never an interpolation). NaN without observations.
 */
public record Percentiles(long count, double mean, double p50, double p90, double p99, double max) {

  public static final Percentiles NONE =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** Percentiles of the finite values among the first {@code n} of {@code values}. */
  public static Percentiles of(double[] values, int n) {
    double[] finite = new double[n];
    int count = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(values[i])) {
        finite[count++] = values[i];
        sum += values[i];
      }
    }
    if (count == 0) {
      return NONE;
    }
    double[] sorted = Arrays.copyOf(finite, count);
    Arrays.sort(sorted);
    return new Percentiles(
        count,
        sum / count,
        rank(sorted, 0.50),
        rank(sorted, 0.90),
        rank(sorted, 0.99),
        sorted[count - 1]);
  }

  /**
   * How many of {@code n} observations may lie above a target with their nearest-rank {@code q}
   * quantile still within it: {@code n} less the rank {@link #rank} reads ({@code ceil(q·n)},
   * computed as it does, at least 1), which is {@code floor((1 − q)·n)} but for rounding. 0 for
   * none.
   */
  public static long allowedAbove(long n, double q) {
    if (n <= 0) {
      return 0;
    }
    long rank = Math.max(1, Math.min(n, (long) Math.ceil(q * n)));
    return n - rank;
  }

  /** The nearest-rank {@code q} quantile of sorted values. */
  public static double rank(double[] sorted, double q) {
    return NearestRank.quantile(sorted, q);
  }
}
