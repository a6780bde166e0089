package dev.llmscale.core.policy;

/**
 * How much load one replica carries while keeping the SLO: the bridge from forecast load to
 * replicas. Implementations must be pure and deterministic; they may cache.
 */
public interface CapacityModel {

  /**
   * The highest request arrival rate (requests per second) one replica of {@code role} sustains for
   * requests of {@code shape} with tail TTFT and ITL within the targets the model was built for; 0
   * when even a lone request misses them.
   */
  double maxRatePerReplica(PoolRole role, LoadShape shape);

  /**
   * This model with the TTFT tail taken at {@code quantile}, below the SLO's own: what a replica
   * carries when that share of its first tokens may be late, as while an error budget has misses to
   * spend. A model that cannot tell returns itself, which plans at the SLO's quantile: never for
   * less capacity.
   */
  default CapacityModel withTtftQuantile(double quantile) {
    return this;
  }

  /** One line naming the model and what it rests on, for reasons and logs. */
  String describe();
}
