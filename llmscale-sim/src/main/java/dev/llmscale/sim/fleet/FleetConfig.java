package dev.llmscale.sim.fleet;

/**
 * The scaled service and where it runs.
 *
 * @param service the scale target's name (what the policy scales)
 * @param initialReplicas replicas ready at the start of the run
 * @param replica what each replica runs
 * @param lifecycle how replicas start and stop
 * @param nodePool the GPU nodes
 */
public record FleetConfig(
    String service,
    int initialReplicas,
    ReplicaSpec replica,
    LifecycleConfig lifecycle,
    NodePoolConfig nodePool) {

  public FleetConfig {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("fleet.service is required");
    }
    if (initialReplicas < 0) {
      throw new IllegalArgumentException("fleet.initialReplicas must be >= 0: " + initialReplicas);
    }
    if (replica == null || lifecycle == null || nodePool == null) {
      throw new IllegalArgumentException("fleet needs engine, lifecycle and nodePool");
    }
    if (nodePool.gpusPerNode() % replica.gpus() != 0) {
      throw new IllegalArgumentException(
          "nodePool.gpusPerNode ("
              + nodePool.gpusPerNode()
              + ") must be a multiple of engine.gpusPerReplica ("
              + replica.gpus()
              + ")");
    }
  }

  /**
   * The mean time from asking for a replica that needs a new node to its being ready: node
   * provisioning, image pull, model load.
   */
  public long meanLeadNanos() {
    return nodePool.provisioning().meanNanos()
        + lifecycle.imagePull().meanNanos()
        + lifecycle.modelLoad().meanNanos();
  }

  /** The most replicas the node pool holds at once. */
  public int maxReplicas() {
    return nodePool.maxNodes() * (nodePool.gpusPerNode() / replica.gpus());
  }

  /**
   * This fleet fixed at {@code replicas}: that many ready at the start, on just the nodes they need
   * (no minimum, no warm buffer, no room to grow), which are billed for the whole run.
   */
  public FleetConfig pinnedAt(int replicas) {
    int gpusPerNode = nodePool.gpusPerNode();
    int nodesNeeded = (replicas * replica.gpus() + gpusPerNode - 1) / gpusPerNode;
    return new FleetConfig(
        service,
        replicas,
        replica,
        lifecycle,
        new NodePoolConfig(
            gpusPerNode,
            0,
            Math.max(nodesNeeded, 1),
            0,
            nodePool.provisioning(),
            nodePool.consolidateAfterNanos(),
            nodePool.capacityType(),
            nodePool.onDemandPricePerGpuHour(),
            nodePool.spotPricePerGpuHour()));
  }
}
