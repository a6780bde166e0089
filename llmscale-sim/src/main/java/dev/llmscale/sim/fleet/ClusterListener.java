package dev.llmscale.sim.fleet;

/** What the gateway hears from the cluster: replicas joining and leaving its routing set. */
public interface ClusterListener {

  /** The replica passed its readiness check: route to it. */
  void replicaReady(Replica replica, long nowNanos);

  /** The replica is being scaled down: route nothing new to it. */
  void replicaDraining(Replica replica, long nowNanos);

  /** The replica was removed while still serving {@code request}. */
  void requestCut(SimRequest request, long nowNanos);
}
