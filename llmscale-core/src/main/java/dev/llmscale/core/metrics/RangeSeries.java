package dev.llmscale.core.metrics;

import java.util.Objects;

/**
 * The samples of one series inside a range window, oldest first, stale markers left out: what a
 * range selector such as {@code x[1m]} yields for one series. The arrays are owned by the reader.
 *
 * @param timestamps milliseconds, strictly increasing
 * @param values the value at each timestamp
 */
public record RangeSeries(Labels labels, long[] timestamps, double[] values) {

  public RangeSeries {
    Objects.requireNonNull(labels, "labels");
    if (timestamps.length != values.length || timestamps.length == 0) {
      throw new IllegalArgumentException("a range series needs as many values as timestamps (>0)");
    }
  }

  public int size() {
    return timestamps.length;
  }
}
