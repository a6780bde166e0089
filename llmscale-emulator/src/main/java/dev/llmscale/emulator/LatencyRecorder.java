package dev.llmscale.emulator;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded concurrently and wait-free from any thread (HdrHistogram, 3
 * significant digits, 1 µs to 1 min); readers fold the recorded intervals into a cumulative
 * histogram.
 */
final class LatencyRecorder {
  private static final long LOWEST_NANOS = 1_000;
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Recorder recorder = new Recorder(LOWEST_NANOS, HIGHEST_NANOS, 3);
  private final Histogram total = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, 3);
  private Histogram interval;

  /** Any thread; negative values count as 0. */
  void record(long nanos) {
    recorder.recordValue(Math.min(Math.max(0, nanos), HIGHEST_NANOS));
  }

  /** Everything recorded since start. */
  synchronized LatencySummary summary() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    long count = total.getTotalCount();
    return new LatencySummary(
        count,
        count == 0 ? 0 : total.getMean() * count / 1e9,
        quantile(0.5),
        quantile(0.9),
        quantile(0.99),
        quantile(0.999),
        total.getMaxValue() / 1e9);
  }

  private double quantile(double q) {
    return total.getValueAtPercentile(q * 100) / 1e9;
  }
}
