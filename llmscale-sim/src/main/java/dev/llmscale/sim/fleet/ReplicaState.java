package dev.llmscale.sim.fleet;

/** Where a replica is in its life, in order. */
public enum ReplicaState {
  /** Created, waiting for a GPU: a node with room, or one being provisioned. */
  PENDING,
  /** On a node, pulling the serving image (skipped when the node already has it). */
  PULLING_IMAGE,
  /** Loading weights and starting the engine (CUDA graphs, warm-up). */
  LOADING_MODEL,
  /** Passing its readiness check: the gateway routes to it. */
  READY,
  /** Scaled down: no new requests, finishing those it has until the grace period ends. */
  DRAINING,
  /** Removed; its GPUs are free. */
  GONE;

  /** Between placement and readiness: holds GPUs, serves nothing. */
  public boolean starting() {
    return this == PULLING_IMAGE || this == LOADING_MODEL;
  }
}
