package dev.llmscale.loadgen;

import org.HdrHistogram.Histogram;

/**
 * Summary statistics of one metric over a run, in the metric's reporting unit (ms for latencies,
 * tokens for lengths). Percentiles come from an HdrHistogram with three significant digits.
 */
public record Distribution(
    long count,
    double mean,
    double min,
    double max,
    double stddev,
    double p50,
    double p90,
    double p95,
    double p99) {

  public static final Distribution EMPTY =
      new Distribution(
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN);

  /**
   * @param unit divides the recorded values (1e6 turns nanoseconds into ms)
   */
  static Distribution of(Histogram h, double unit) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new Distribution(
        h.getTotalCount(),
        h.getMean() / unit,
        h.getMinValue() / unit,
        h.getMaxValue() / unit,
        h.getStdDeviation() / unit,
        h.getValueAtPercentile(50) / unit,
        h.getValueAtPercentile(90) / unit,
        h.getValueAtPercentile(95) / unit,
        h.getValueAtPercentile(99) / unit);
  }
}
