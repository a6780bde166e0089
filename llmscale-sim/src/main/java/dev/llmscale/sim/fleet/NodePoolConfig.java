package dev.llmscale.sim.fleet;

/**
 * The GPU node pool and its cluster autoscaler.
 *
 * @param gpusPerNode GPUs on one node (1 for Azure NC40ads_H100_v5, 8 for ND96isr_H100_v5)
 * @param minNodes nodes the autoscaler never goes below
 * @param maxNodes nodes it never goes above; replicas that find no room stay pending
 * @param warmNodes nodes' worth of free GPUs kept ready beyond what replicas hold or wait for (an
 *     overprovisioning buffer): a new replica lands on one without waiting for provisioning
 * @param provisioning time from asking the cloud for a node to the node joining the cluster
 * @param consolidateAfterNanos how long a node must stay empty before it is removed (the cluster
 *     autoscaler's scale-down-unneeded-time)
 * @param capacityType which price the nodes are billed at
 * @param onDemandPricePerGpuHour on-demand price of one GPU for an hour
 * @param spotPricePerGpuHour spot price of one GPU for an hour
 */
public record NodePoolConfig(
    int gpusPerNode,
    int minNodes,
    int maxNodes,
    int warmNodes,
    Delay provisioning,
    long consolidateAfterNanos,
    CapacityType capacityType,
    double onDemandPricePerGpuHour,
    double spotPricePerGpuHour) {

  /** How nodes are bought. */
  public enum CapacityType {
    ON_DEMAND,
    SPOT
  }

  public NodePoolConfig {
    if (gpusPerNode < 1) {
      throw new IllegalArgumentException("nodePool.gpusPerNode must be >= 1: " + gpusPerNode);
    }
    if (minNodes < 0) {
      throw new IllegalArgumentException("nodePool.minNodes must be >= 0: " + minNodes);
    }
    if (maxNodes < Math.max(1, minNodes)) {
      throw new IllegalArgumentException(
          "nodePool.maxNodes (" + maxNodes + ") must be >= max(1, minNodes (" + minNodes + "))");
    }
    if (warmNodes < 0 || warmNodes > maxNodes) {
      throw new IllegalArgumentException(
          "nodePool.warmNodes must be in [0, maxNodes (" + maxNodes + ")]: " + warmNodes);
    }
    if (provisioning == null) {
      throw new IllegalArgumentException("nodePool.provisioning is required");
    }
    if (consolidateAfterNanos < 0) {
      throw new IllegalArgumentException("nodePool.consolidateAfter must be >= 0");
    }
    if (capacityType == null) {
      throw new IllegalArgumentException("nodePool.capacityType is required");
    }
    if (!(onDemandPricePerGpuHour >= 0) || !(spotPricePerGpuHour >= 0)) {
      throw new IllegalArgumentException("nodePool prices must be >= 0");
    }
  }

  /** The price nodes of this pool are billed at, per GPU and hour. */
  public double pricePerGpuHour() {
    return capacityType == CapacityType.SPOT ? spotPricePerGpuHour : onDemandPricePerGpuHour;
  }
}
