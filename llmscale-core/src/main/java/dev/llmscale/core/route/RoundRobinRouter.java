package dev.llmscale.core.route;

import java.util.List;

/** Each request goes to the next candidate in turn, whatever their load. */
public final class RoundRobinRouter implements Router {
  public static final String NAME = "round-robin";

  private int next;

  @Override
  public ReplicaLoad choose(RouteRequest request, List<ReplicaLoad> candidates, long nowNanos) {
    ReplicaLoad chosen = candidates.get(Math.floorMod(next, candidates.size()));
    next = Math.floorMod(next + 1, Integer.MAX_VALUE);
    return chosen;
  }

  @Override
  public String name() {
    return NAME;
  }
}
