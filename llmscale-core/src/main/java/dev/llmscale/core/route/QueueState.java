package dev.llmscale.core.route;

/**
 * A replica's queue as a caller sees it when a request arrives: the engine's last sample, what the
 * caller itself sent since, and what the caller has learned about the replica's timing ({@link
 * ReplicaTimings}).
 *
 * @param waiting the engine's queue at its last sample
 * @param running the engine's running batch at its last sample
 * @param dispatchedSinceSample requests the caller sent to the replica after that sample
 * @param secondsSinceSample age of the sample
 * @param meanServiceSeconds mean time a request occupies a running slot (arrival to last token);
 *     NaN while unknown
 * @param unqueuedTtftSeconds time to first token of a request that does not queue; NaN while
 *     unknown
 */
public record QueueState(
    int waiting,
    int running,
    int dispatchedSinceSample,
    double secondsSinceSample,
    double meanServiceSeconds,
    double unqueuedTtftSeconds) {

  public QueueState {
    if (waiting < 0 || running < 0 || dispatchedSinceSample < 0) {
      throw new IllegalArgumentException("negative request count");
    }
    secondsSinceSample = Math.max(0, secondsSinceSample);
  }
}
