package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.RangeSeries;
import java.util.OptionalDouble;

/** The functions over a range vector, one series at a time. */
final class RangeFunctions {

  private RangeFunctions() {}

  /**
   * @param rangeEnd the evaluation time; the window is {@code (rangeEnd − rangeMillis, rangeEnd]}
   * @return nothing when the function yields no element for this series
   */
  static OptionalDouble apply(
      Function function, RangeSeries series, long rangeEnd, long rangeMillis) {
    long[] times = series.timestamps();
    double[] values = series.values();
    int n = values.length;
    return switch (function) {
      case RATE -> ExtrapolatedRate.compute(times, values, rangeEnd, rangeMillis, true, true);
      case INCREASE -> ExtrapolatedRate.compute(times, values, rangeEnd, rangeMillis, true, false);
      case DELTA -> ExtrapolatedRate.compute(times, values, rangeEnd, rangeMillis, false, false);
      case IRATE -> instantRate(times, values);
      case AVG_OVER_TIME -> OptionalDouble.of(PrometheusArithmetic.overTimeMean(values, n));
      case SUM_OVER_TIME -> OptionalDouble.of(PrometheusArithmetic.sum(values, n));
      case COUNT_OVER_TIME -> OptionalDouble.of(n);
      case MIN_OVER_TIME -> OptionalDouble.of(Aggregator.MIN.reduce(values, n));
      case MAX_OVER_TIME -> OptionalDouble.of(Aggregator.MAX.reduce(values, n));
      default -> throw new IllegalArgumentException(function + " takes no range vector");
    };
  }

  /**
   * {@code irate}: the per-second change between the last two samples; after a counter reset the
   * last value is the increase.
   */
  private static OptionalDouble instantRate(long[] times, double[] values) {
    int n = values.length;
    if (n < 2) {
      return OptionalDouble.empty();
    }
    double previous = values[n - 2];
    double last = values[n - 1];
    long interval = times[n - 1] - times[n - 2];
    double increase = last < previous ? last : last - previous;
    return OptionalDouble.of(increase / (interval / 1000.0));
  }
}
