package dev.llmscale.core.engine;

import dev.llmscale.core.perf.StepShape;
import java.util.List;

/**
 * A step the scheduler has planned: which requests compute how many tokens, and when it ends. Hand
 * it back to {@link EngineScheduler#complete} at {@link #endNanos()}.
 */
public final class ScheduledStep {
  record Entry(RequestState state, int tokens) {}

  private final long startNanos;
  private final long endNanos;
  private final StepShape shape;
  private final List<Entry> entries;

  ScheduledStep(long startNanos, long endNanos, StepShape shape, List<Entry> entries) {
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.shape = shape;
    this.entries = entries;
  }

  public long startNanos() {
    return startNanos;
  }

  /** When the step's tokens exist: the driving clock should call complete() then. */
  public long endNanos() {
    return endNanos;
  }

  public StepShape shape() {
    return shape;
  }

  /** Requests taking part in the step. */
  public int size() {
    return entries.size();
  }

  List<Entry> entries() {
    return entries;
  }
}
