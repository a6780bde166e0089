package dev.llmscale.core.metrics.promql;

/**
 * Float arithmetic done the way Prometheus's engine does it, so that sums and means agree with a
 * real server to the last bit: Kahan-Neumaier summation, means that fall back to an incremental
 * form when the sum would overflow, and Go's {@code math.Max}/{@code math.Min}, which let an
 * infinity win over NaN.
 */
final class PrometheusArithmetic {

  private PrometheusArithmetic() {}

  /** The compensated sum of the first {@code n} values. */
  static double sum(double[] values, int n) {
    double sum = 0;
    double c = 0;
    for (int i = 0; i < n; i++) {
      double t = sum + values[i];
      c = compensation(sum, values[i], t, c);
      sum = t;
    }
    return Double.isInfinite(sum) ? sum : sum + c;
  }

  /** {@code avg(...)} of an aggregation over the first {@code n} values. */
  static double aggregationMean(double[] values, int n) {
    double sum = values[0];
    double c = 0;
    double mean = 0;
    boolean incremental = false;
    for (int i = 1; i < n; i++) {
      double v = values[i];
      double count = i + 1;
      if (!incremental) {
        double t = sum + v;
        if (!Double.isInfinite(t)) {
          c = compensation(sum, v, t, c);
          sum = t;
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        c /= count - 1;
      }
      if (Double.isInfinite(mean)) {
        if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
          continue;
        }
        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
          continue;
        }
      }
      double currentMean = mean + c;
      double increment = v / count - currentMean / count;
      double t = mean + increment;
      c = compensation(mean, increment, t, c);
      mean = t;
    }
    return incremental ? mean + c : (sum + c) / n;
  }

  /** {@code avg_over_time(...)} of the first {@code n} values. */
  static double overTimeMean(double[] values, int n) {
    double sum = values[0];
    double c = 0;
    double mean = 0;
    boolean incremental = false;
    for (int i = 1; i < n; i++) {
      double v = values[i];
      double count = i + 1;
      if (!incremental) {
        double t = sum + v;
        if (!Double.isInfinite(t)) {
          c = compensation(sum, v, t, c);
          sum = t;
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        c /= count - 1;
      }
      double q = (count - 1) / count;
      double scaledMean = q * mean;
      double increment = v / count;
      double t = scaledMean + increment;
      c = compensation(scaledMean, increment, t, q * c);
      mean = t;
    }
    return incremental ? mean + c : sum / n + c / n;
  }

  /** Go's {@code math.Max}: +Inf beats NaN. */
  static double max(double a, double b) {
    if (a == Double.POSITIVE_INFINITY || b == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(a, b);
  }

  /** Go's {@code math.Min}: -Inf beats NaN. */
  static double min(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY || b == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.min(a, b);
  }

  /** The compensation after adding {@code increment} to {@code sum} gave {@code total}. */
  private static double compensation(double sum, double increment, double total, double c) {
    if (Double.isInfinite(total)) {
      return 0;
    }
    return Math.abs(sum) >= Math.abs(increment)
        ? c + ((sum - total) + increment)
        : c + ((increment - total) + sum);
  }
}
