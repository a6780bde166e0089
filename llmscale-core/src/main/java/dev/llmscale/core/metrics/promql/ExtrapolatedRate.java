package dev.llmscale.core.metrics.promql;

import java.util.OptionalDouble;

/**
 * {@code rate}, {@code increase} and {@code delta} exactly as Prometheus computes them: the
 * difference between the first and last sample in the window (plus, for counters, the value before
 * each reset), extrapolated towards the window's edges.
 *
 * <p>A sample gap to an edge shorter than 1.1 × the average sample spacing is assumed to be covered
 * by the series and extrapolated fully; a longer one means the series starts or ends inside the
 * window, and only half a spacing is added. A counter is never extrapolated below zero: the start
 * extends at most to where the counter's slope would reach zero.
 */
final class ExtrapolatedRate {

  private ExtrapolatedRate() {}

  /**
   * @param times sample timestamps in the window {@code (rangeEnd − rangeMillis, rangeEnd]}
   * @param isCounter corrects resets and the zero point ({@code rate}, {@code increase})
   * @param perSecond divides by the range ({@code rate})
   * @return nothing when the window holds fewer than two samples
   */
  static OptionalDouble compute(
      long[] times,
      double[] values,
      long rangeEnd,
      long rangeMillis,
      boolean isCounter,
      boolean perSecond) {
    int n = times.length;
    if (n < 2) {
      return OptionalDouble.empty();
    }
    double result = values[n - 1] - values[0];
    if (isCounter) {
      double previous = values[0];
      for (int i = 1; i < n; i++) {
        if (values[i] < previous) {
          result += previous;
        }
        previous = values[i];
      }
    }
    long rangeStart = rangeEnd - rangeMillis;
    double durationToStart = (times[0] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - times[n - 1]) / 1000.0;
    double sampledInterval = (times[n - 1] - times[0]) / 1000.0;
    double averageSpacing = sampledInterval / (n - 1);
    double extrapolationThreshold = averageSpacing * 1.1;
    if (durationToStart >= extrapolationThreshold) {
      durationToStart = averageSpacing / 2;
    }
    if (isCounter) {
      double durationToZero = durationToStart;
      if (result > 0 && values[0] >= 0) {
        durationToZero = sampledInterval * (values[0] / result);
      }
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= extrapolationThreshold) {
      durationToEnd = averageSpacing / 2;
    }
    double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (perSecond) {
      factor /= seconds(rangeMillis);
    }
    return OptionalDouble.of(result * factor);
  }

  /** Go's {@code Duration.Seconds()}: whole seconds plus the remainder, as Prometheus divides. */
  private static double seconds(long millis) {
    return millis / 1000 + (millis % 1000) * 1_000_000 / 1e9;
  }
}
