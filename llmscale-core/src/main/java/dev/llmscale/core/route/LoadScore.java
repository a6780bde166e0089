package dev.llmscale.core.route;

/**
 * How loaded a replica is, in requests. The base is the replica's outstanding requests: the larger
 * of the caller's own in-flight count (exact and current, but blind to other callers) and the
 * engine's sampled {@code running + waiting} (covers every caller, but up to one sample old).
 * Queued requests count extra because each one adds directly to the next request's time to first
 * token, and KV-cache usage adds up to {@code kvWeight} requests because a full cache makes the
 * engine queue or preempt.
 *
 * @param waitingWeight extra cost of each request waiting in the engine's queue
 * @param kvWeight cost of a completely full KV cache
 */
public record LoadScore(double waitingWeight, double kvWeight) {
  public static final LoadScore DEFAULT = new LoadScore(1, 8);

  public LoadScore {
    if (!(waitingWeight >= 0) || !(kvWeight >= 0)) {
      throw new IllegalArgumentException("load weights must be >= 0");
    }
  }

  public double of(ReplicaLoad replica) {
    int outstanding = Math.max(replica.inFlight(), replica.running() + replica.waiting());
    return outstanding + waitingWeight * replica.waiting() + kvWeight * replica.kvUsage();
  }
}
