package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.PrometheusFloats;
import dev.llmscale.core.metrics.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histogram_quantile} over classic histograms, with Prometheus's rules: buckets are grouped
 * by their labels without {@code le}; within a group they are sorted by bound, equal bounds merged
 * and counts forced to rise monotonically (differences within a relative 1e-12 count as equal); the
 * quantile is interpolated linearly inside its bucket, from 0 for the lowest bucket if its bound is
 * positive; a rank in the +Inf bucket gives the highest finite bound. A group without a +Inf
 * bucket, with fewer than two buckets or without observations gives NaN; q below 0 gives -Inf,
 * above 1 +Inf. Series without a parsable {@code le} are ignored.
 */
final class BucketQuantile {
  private static final String BUCKET_LABEL = "le";
  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private record Bucket(double upperBound, double count) {}

  private BucketQuantile() {}

  static List<Sample> histogramQuantile(double q, List<Sample> buckets) {
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    for (Sample sample : buckets) {
      double upperBound;
      try {
        upperBound = PrometheusFloats.parse(sample.labels().get(BUCKET_LABEL));
      } catch (NumberFormatException noBucket) {
        continue;
      }
      Labels group = sample.labels().without(List.of(BUCKET_LABEL, Labels.METRIC_NAME));
      groups
          .computeIfAbsent(group, g -> new ArrayList<>())
          .add(new Bucket(upperBound, sample.value()));
    }
    List<Sample> result = new ArrayList<>(groups.size());
    groups.forEach((labels, group) -> result.add(new Sample(labels, quantile(q, group))));
    return result;
  }

  private static double quantile(double q, List<Bucket> unsorted) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> sorted = new ArrayList<>(unsorted);
    sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
    if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    List<Bucket> buckets = monotonic(coalesced(sorted));
    if (buckets.size() < 2) {
      return Double.NaN;
    }
    double observations = buckets.get(buckets.size() - 1).count();
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < buckets.size() - 1 && buckets.get(b).count() < rank) {
      b++;
    }
    if (b == buckets.size() - 1) {
      return buckets.get(buckets.size() - 2).upperBound();
    }
    if (b == 0 && buckets.get(0).upperBound() <= 0) {
      return buckets.get(0).upperBound();
    }
    double bucketStart = 0;
    double bucketEnd = buckets.get(b).upperBound();
    double count = buckets.get(b).count();
    if (b > 0) {
      bucketStart = buckets.get(b - 1).upperBound();
      count -= buckets.get(b - 1).count();
      rank -= buckets.get(b - 1).count();
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }

  /** Merges buckets with the same bound (such as {@code le="1"} and {@code le="1.0"}). */
  private static List<Bucket> coalesced(List<Bucket> sorted) {
    List<Bucket> merged = new ArrayList<>(sorted.size());
    Bucket last = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Bucket b = sorted.get(i);
      if (b.upperBound() == last.upperBound()) {
        last = new Bucket(last.upperBound(), last.count() + b.count());
      } else {
        merged.add(last);
        last = b;
      }
    }
    merged.add(last);
    return merged;
  }

  /**
   * Ignores float noise between neighbours in either direction, then removes any decrease; the
   * reference count moves only on a real increase.
   */
  private static List<Bucket> monotonic(List<Bucket> buckets) {
    List<Bucket> fixed = new ArrayList<>(buckets.size());
    double previous = buckets.get(0).count();
    fixed.add(buckets.get(0));
    for (int i = 1; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      double current = b.count();
      if (current != previous && (almostEqual(previous, current) || current < previous)) {
        fixed.add(new Bucket(b.upperBound(), previous));
        continue;
      }
      previous = current;
      fixed.add(b);
    }
    return fixed;
  }

  /** Prometheus's {@code almost.Equal}: relative difference below the tolerance. */
  private static boolean almostEqual(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b) || a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < SMALL_DELTA_TOLERANCE * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < SMALL_DELTA_TOLERANCE;
  }
}
