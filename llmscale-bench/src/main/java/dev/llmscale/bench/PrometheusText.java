package dev.llmscale.bench;

import java.util.Map;
import java.util.TreeMap;

/** Reads one histogram out of Prometheus text exposition and estimates its quantiles. */
final class PrometheusText {
  private PrometheusText() {}

  /** A summary's quantile (0.5, 0.99, ...) as exposed, or NaN if absent. */
  static double summaryQuantile(String exposition, String summary, String quantile) {
    String prefix = summary + "{quantile=\"" + quantile + "\"}";
    for (String line : exposition.split("\n")) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  /** Cumulative bucket counts by upper bound, summed over label sets. */
  static TreeMap<Double, Double> buckets(String exposition, String histogram) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    String prefix = histogram + "_bucket{";
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int le = line.indexOf("le=\"");
      int close = line.indexOf('"', le + 4);
      String bound = line.substring(le + 4, close);
      double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
      double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      buckets.merge(upper, count, Double::sum);
    }
    return buckets;
  }

  /** Buckets of {@code after} minus {@code before}: what was observed between two scrapes. */
  static TreeMap<Double, Double> delta(Map<Double, Double> before, Map<Double, Double> after) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    after.forEach((le, count) -> delta.put(le, count - before.getOrDefault(le, 0.0)));
    return delta;
  }

  /** {@code histogram_quantile} semantics: linear interpolation inside the bucket. */
  static double quantile(double q, TreeMap<Double, Double> cumulative) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound;
        }
        double inBucket = bucket.getValue() - lowerCount;
        double fraction = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
        return lowerBound + (bucket.getKey() - lowerBound) * fraction;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }
}
