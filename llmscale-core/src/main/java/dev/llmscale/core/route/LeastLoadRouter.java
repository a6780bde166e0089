package dev.llmscale.core.route;

import java.util.List;

/**
 * Sends each request to the candidate with the lowest {@link LoadScore}; equal scores go to the
 * fewest requests in flight from this caller, then rotate, so idle replicas share a trickle of
 * requests evenly instead of the first one taking them all.
 */
public final class LeastLoadRouter implements Router {
  public static final String NAME = "least-load";

  private final LoadScore score;
  private int rotation;

  public LeastLoadRouter(LoadScore score) {
    this.score = score;
  }

  public LeastLoadRouter() {
    this(LoadScore.DEFAULT);
  }

  @Override
  public ReplicaLoad choose(RouteRequest request, List<ReplicaLoad> candidates, long nowNanos) {
    int start = Math.floorMod(rotation, candidates.size());
    rotation = Math.floorMod(rotation + 1, Integer.MAX_VALUE);
    return leastLoaded(candidates, score, start);
  }

  /**
   * The lowest-scored candidate; among equals the one with the fewest caller in-flight requests,
   * then the first at or after {@code start}.
   */
  static ReplicaLoad leastLoaded(List<ReplicaLoad> candidates, LoadScore score, int start) {
    int n = candidates.size();
    ReplicaLoad best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      ReplicaLoad candidate = candidates.get((start + k) % n);
      double s = score.of(candidate);
      // On equal scores the caller's own in-flight count decides: it is exact and current, while
      // the engine's sample may still show a request that has already finished.
      if (best == null
          || s < bestScore
          || (s == bestScore && candidate.inFlight() < best.inFlight())) {
        best = candidate;
        bestScore = s;
      }
    }
    return best;
  }

  @Override
  public String name() {
    return NAME;
  }
}
