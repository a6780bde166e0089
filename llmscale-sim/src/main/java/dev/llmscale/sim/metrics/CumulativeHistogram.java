package dev.llmscale.sim.metrics;

import java.util.Arrays;

/**
 * A Prometheus classic histogram as an exporter holds it: a count per upper bound (cumulative when
 * read, {@code le} semantics: a value equal to a bound counts in that bound's bucket), the sum and
 * the count of observations. Never reset, as counters are not.
 */
public final class CumulativeHistogram {
  private final double[] bounds;
  private final long[] perBucket; // not cumulative; the last slot is +Inf
  private double sum;
  private long count;

  /**
   * @param bounds finite upper bounds in strictly increasing order; {@code +Inf} is implied
   */
  public CumulativeHistogram(double[] bounds) {
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        throw new IllegalArgumentException(
            "histogram bounds must be finite and strictly increasing: " + Arrays.toString(bounds));
      }
    }
    this.bounds = bounds.clone();
    this.perBucket = new long[bounds.length + 1];
  }

  public void observe(double value) {
    int index = Arrays.binarySearch(bounds, value);
    perBucket[index >= 0 ? index : -index - 1]++;
    sum += value;
    count++;
  }

  /** The finite upper bounds. */
  public double[] bounds() {
    return bounds.clone();
  }

  /** Cumulative counts per bound, the last one for {@code +Inf} (equal to {@link #count()}). */
  public long[] cumulativeCounts() {
    long[] cumulative = new long[perBucket.length];
    long running = 0;
    for (int i = 0; i < perBucket.length; i++) {
      running += perBucket[i];
      cumulative[i] = running;
    }
    return cumulative;
  }

  public double sum() {
    return sum;
  }

  public long count() {
    return count;
  }
}
