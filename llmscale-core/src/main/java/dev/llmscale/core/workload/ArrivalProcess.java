package dev.llmscale.core.workload;

/**
 * When requests arrive, in nanoseconds from the start of a run. Pure: the load generator waits for
 * each time on the wall clock, the simulator puts it on its event queue. Not thread-safe; one
 * instance per run.
 */
public interface ArrivalProcess {

  /** What {@link #nextArrivalNanos()} returns once no arrivals remain. */
  long NONE = Long.MAX_VALUE;

  /**
   * The time of the next arrival, never earlier than the previous one, or {@link #NONE} when the
   * process has no more arrivals (a replayed trace ran out).
   */
  long nextArrivalNanos();
}
