package dev.llmscale.sim;

/** Hears how far a long run has got, in simulated time. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (simulated, total) -> {};

  /**
   * @param simulatedNanos virtual time reached
   * @param durationNanos the run's duration
   */
  void progress(long simulatedNanos, long durationNanos);
}
