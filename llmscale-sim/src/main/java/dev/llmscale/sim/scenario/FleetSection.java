package dev.llmscale.sim.scenario;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.sim.fleet.Delay;
import dev.llmscale.sim.fleet.FixedDelay;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.LifecycleConfig;
import dev.llmscale.sim.fleet.NodePoolConfig;
import dev.llmscale.sim.fleet.ReplicaSpec;

/** Reads {@code fleet}: the scaled service, its replicas' lifecycle and the GPU node pool. */
final class FleetSection {
  static final long SECOND = 1_000_000_000L;
  static final long DEFAULT_PROVISIONING = 180 * SECOND;
  static final long DEFAULT_IMAGE_PULL = 60 * SECOND;
  static final long ENGINE_INIT = 45 * SECOND;
  static final double WEIGHT_LOAD_BYTES_PER_SECOND = 1e9;

  private FleetSection() {}

  static FleetConfig read(ScenarioNode root, ModelSpec model, GpuSpec gpu, ReplicaSpec replica) {
    ScenarioNode fleet =
        root.field("fleet").allowOnly("service", "initialReplicas", "lifecycle", "nodePool");
    ScenarioNode lifecycle =
        fleet.field("lifecycle").allowOnly("imagePull", "modelLoad", "drainTimeout");
    // weights at about 1 GB/s plus engine start-up (CUDA graphs, warm-up): DESIGN.md's cold start
    long load =
        Math.round(model.weightBytes() / WEIGHT_LOAD_BYTES_PER_SECOND * SECOND) + ENGINE_INIT;
    LifecycleConfig phases =
        new LifecycleConfig(
            DelayReader.read(lifecycle.field("imagePull"), new FixedDelay(DEFAULT_IMAGE_PULL)),
            DelayReader.read(lifecycle.field("modelLoad"), new FixedDelay(load)),
            lifecycle.field("drainTimeout").nanosOr(30 * SECOND));

    ScenarioNode pool =
        fleet
            .field("nodePool")
            .allowOnly(
                "gpusPerNode",
                "minNodes",
                "maxNodes",
                "warmNodes",
                "provisioning",
                "consolidateAfter",
                "capacityType",
                "onDemandPricePerGpuHour",
                "spotPricePerGpuHour");
    String capacity = pool.field("capacityType").choice("on-demand", "on-demand", "spot");
    if (capacity.equals("spot") && !pool.has("spotPricePerGpuHour")) {
      throw pool.field("spotPricePerGpuHour").error("is required with capacityType: spot");
    }
    double onDemand = pool.field("onDemandPricePerGpuHour").numberOr(gpu.dollarsPerHour());
    Delay provisioning =
        DelayReader.read(pool.field("provisioning"), new FixedDelay(DEFAULT_PROVISIONING));
    NodePoolConfig nodes;
    try {
      nodes =
          new NodePoolConfig(
              pool.field("gpusPerNode").integerOr(replica.gpus()),
              pool.field("minNodes").integerOr(0),
              pool.field("maxNodes").integerOr(16),
              pool.field("warmNodes").integerOr(0),
              provisioning,
              pool.field("consolidateAfter").nanosOr(600 * SECOND),
              capacity.equals("spot")
                  ? NodePoolConfig.CapacityType.SPOT
                  : NodePoolConfig.CapacityType.ON_DEMAND,
              onDemand,
              pool.field("spotPricePerGpuHour").numberOr(onDemand));
    } catch (IllegalArgumentException e) {
      throw pool.error(e);
    }
    try {
      return new FleetConfig(
          fleet.field("service").textOr("decode"),
          fleet.field("initialReplicas").integerOr(1),
          replica,
          phases,
          nodes);
    } catch (IllegalArgumentException e) {
      throw fleet.error(e);
    }
  }
}
