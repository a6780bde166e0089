package dev.llmscale.core.route;

import java.util.List;

/**
 * Picks the replica for a request. Pure: no I/O, no threads, no clock; the caller passes the
 * candidates' loads and the time, so the gateway (wall clock) and the simulator (virtual clock) run
 * the same code. Implementations keep state (a rotation, a prefix index) and are not thread-safe:
 * callers serialise calls.
 */
public interface Router {

  /**
   * Chooses one of {@code candidates} for {@code request}.
   *
   * @param candidates the replicas that may take the request now (healthy, not draining), never
   *     empty, in an order that is stable between calls
   * @param nowNanos the caller's clock
   * @return one element of {@code candidates}
   */
  ReplicaLoad choose(RouteRequest request, List<ReplicaLoad> candidates, long nowNanos);

  /** The replica left the fleet: drop what the router remembers about it. */
  default void forget(String replicaId) {}

  /** The name users select it by ({@code round-robin}, {@code least-load}, ...). */
  String name();
}
