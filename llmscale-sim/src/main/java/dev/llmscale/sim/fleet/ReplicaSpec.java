package dev.llmscale.sim.fleet;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;

/**
 * What every replica of the scaled service runs: the engine's limits, how long its steps take, and
 * how many GPUs it holds (its tensor-parallel degree).
 */
public record ReplicaSpec(EngineConfig engine, PerformanceModel performance, int gpus) {

  public ReplicaSpec {
    if (engine == null || performance == null) {
      throw new IllegalArgumentException("engine config and performance model are required");
    }
    if (gpus < 1) {
      throw new IllegalArgumentException("engine.gpusPerReplica must be >= 1: " + gpus);
    }
  }
}
