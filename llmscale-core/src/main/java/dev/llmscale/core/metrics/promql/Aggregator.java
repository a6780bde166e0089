package dev.llmscale.core.metrics.promql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The aggregation operators of the subset, each reducing one group's values in input order. */
enum Aggregator {
  SUM,
  AVG,
  MIN,
  MAX,
  COUNT;

  static Optional<Aggregator> named(String word) {
    return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(word)).findFirst();
  }

  /** Reduces the first {@code n} (at least one) values. */
  double reduce(double[] values, int n) {
    return switch (this) {
      case SUM -> PrometheusArithmetic.sum(values, n);
      case AVG -> PrometheusArithmetic.aggregationMean(values, n);
      case COUNT -> n;
      case MIN -> extreme(values, n, false);
      case MAX -> extreme(values, n, true);
    };
  }

  /** As Prometheus: a NaN is replaced by any later value, so only all-NaN groups give NaN. */
  private static double extreme(double[] values, int n, boolean max) {
    double extreme = values[0];
    for (int i = 1; i < n; i++) {
      double v = values[i];
      if ((max ? extreme < v : extreme > v) || Double.isNaN(extreme)) {
        extreme = v;
      }
    }
    return extreme;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
