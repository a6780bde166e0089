package dev.llmscale.sim.fleet;

/** A GPU node's life. */
public enum NodeState {
  /** Asked for from the cloud; billed, not yet schedulable. */
  PROVISIONING,
  /** Joined the cluster: replicas can be placed on it. */
  READY,
  /** Consolidated away; no longer billed. */
  REMOVED
}
