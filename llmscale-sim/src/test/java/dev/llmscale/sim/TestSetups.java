package dev.llmscale.sim;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.sim.fleet.FixedDelay;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.LifecycleConfig;
import dev.llmscale.sim.fleet.NodePoolConfig;
import dev.llmscale.sim.fleet.ReplicaSpec;
import dev.llmscale.sim.gateway.GatewayConfig;
import dev.llmscale.sim.metrics.MetricBuckets;
import dev.llmscale.sim.workload.ConstantRate;
import dev.llmscale.sim.workload.RateProfile;
import dev.llmscale.sim.workload.SyntheticSource;
import dev.llmscale.sim.workload.WorkloadSource;

/** Small simulation setups whose results a test can work out by hand. */
public final class TestSetups {
  public static final long S = 1_000_000_000L;

  public static final MetricBuckets BUCKETS =
      new MetricBuckets(
          new double[] {0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60},
          new double[] {0.005, 0.01, 0.02, 0.05, 0.1},
          new double[] {0.1, 1, 10, 60, 300},
          new double[] {16, 128, 1024, 4096, 16384});

  private TestSetups() {}

  public static WorkloadSource fixedShapes(
      RateProfile rate, boolean poisson, int input, int output) {
    return new SyntheticSource(
        rate, poisson, TokenDistribution.fixed(input), TokenDistribution.fixed(output), null);
  }

  public static SimulationSetup setup(
      PerformanceModel model,
      int initialReplicas,
      int maxNodes,
      WorkloadSource workload,
      long durationNanos,
      long seed) {
    ReplicaSpec replica = new ReplicaSpec(EngineConfig.defaults(8192, 20_000), model, 1);
    FleetConfig fleet =
        new FleetConfig(
            "decode",
            initialReplicas,
            replica,
            new LifecycleConfig(new FixedDelay(30 * S), new FixedDelay(60 * S), 30 * S),
            new NodePoolConfig(
                1,
                0,
                maxNodes,
                0,
                new FixedDelay(120 * S),
                600 * S,
                NodePoolConfig.CapacityType.ON_DEMAND,
                4.0,
                1.0));
    return new SimulationSetup(
        "test",
        seed,
        durationNanos,
        10 * S,
        60 * S,
        new SloTargets(0.3, 0.05, 0.99),
        fleet,
        new GatewayConfig("least-load", 0, S / 2, "llmscale_frontend_", BUCKETS),
        workload,
        0);
  }

  public static SimulationSetup constantLoad(
      PerformanceModel model, int replicas, double rate, int input, int output) {
    return setup(
        model,
        replicas,
        Math.max(1, replicas),
        fixedShapes(new ConstantRate(rate), false, input, output),
        60 * S,
        1);
  }
}
