package dev.llmscale.gateway;

import java.util.Arrays;

/**
 * Prometheus's {@code histogram_quantile} over classic buckets, as its PromQL engine computes it
 * ({@code promql/quantile.go}): find the bucket where the rank falls and interpolate linearly
 * inside it, the first bucket starting at 0; a rank in the {@code +Inf} bucket gives the largest
 * finite bound.
 */
final class HistogramQuantile {
  private HistogramQuantile() {}

  /** The q-quantile of {@code values} as Prometheus estimates it from buckets with these bounds. */
  static double estimate(double q, double[] upperBounds, double[] values) {
    long[] cumulative = new long[upperBounds.length + 1];
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int v = 0;
    for (int b = 0; b < upperBounds.length; b++) {
      while (v < sorted.length && sorted[v] <= upperBounds[b]) {
        v++;
      }
      cumulative[b] = v;
    }
    cumulative[upperBounds.length] = sorted.length;
    double rank = q * sorted.length;
    int b = 0;
    while (cumulative[b] < rank) {
      b++;
    }
    if (b == upperBounds.length) {
      return upperBounds[upperBounds.length - 1];
    }
    double start = b == 0 ? 0 : upperBounds[b - 1];
    long below = b == 0 ? 0 : cumulative[b - 1];
    return start + (upperBounds[b] - start) * (rank - below) / (cumulative[b] - below);
  }

  /** The exact q-quantile of the sample (nearest rank). */
  static double exact(double q, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
