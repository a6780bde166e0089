package dev.llmscale.core.workload;

import java.util.List;

/**
 * The arrival times of a replayed trace, each multiplied by a time scale: {@code 0.5} replays the
 * trace twice as fast, {@code 2} at half speed.
 */
public final class TraceArrivals implements ArrivalProcess {
  private final List<TraceRecord> records;
  private final double timeScale;
  private int next;

  /**
   * @param records in arrival order (as {@link Trace#records()} holds them)
   * @param timeScale factor applied to every arrival time, {@code > 0}
   */
  public TraceArrivals(List<TraceRecord> records, double timeScale) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("time scale must be a positive number: " + timeScale);
    }
    this.records = List.copyOf(records);
    this.timeScale = timeScale;
  }

  @Override
  public long nextArrivalNanos() {
    if (next >= records.size()) {
      return NONE;
    }
    return Math.round(records.get(next++).arrivalNanos() * timeScale);
  }
}
