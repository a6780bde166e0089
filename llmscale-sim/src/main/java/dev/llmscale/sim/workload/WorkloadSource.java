package dev.llmscale.sim.workload;

import dev.llmscale.sim.event.RandomStreams;

/**
 * Opens a run's request stream. Each run opens its own from the same seed, so every policy compared
 * in one invocation sees exactly the same requests at exactly the same times.
 */
public interface WorkloadSource {

  /**
   * @param endNanos no arrival at or after this time
   */
  RequestStream open(RandomStreams random, long endNanos, int blockSize, int maxModelLen);

  /** One line for reports. */
  String describe();
}
