package dev.llmscale.sim.oracle;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.FixedCapacity;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.TestSetups;
import dev.llmscale.sim.workload.StepRate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityOracleTest {

  /** 12 req/s for a minute, nothing for a minute, 3 req/s for a minute. */
  private static SimulationSetup steps() {
    StepRate load =
        new StepRate(
            List.of(
                new StepRate.Step(0, 12),
                new StepRate.Step(60 * S, 0),
                new StepRate.Step(120 * S, 3)));
    return TestSetups.setup(
        new ConstantStepModel(0.01, 0),
        1,
        4,
        TestSetups.fixedShapes(load, false, 100, 10),
        180 * S,
        1);
  }

  @Test
  void sizesEachWindowForItsOwnLoadAndPaysNothingForAnEmptyOne() {
    OracleResult oracle = new CapacityOracle(FixedCapacity.of(5), 60 * S).bound(steps(), 1);

    // ceil(12 / 5) = 3 replicas, then none, then ceil(3 / 5) = 1, a minute each
    assertThat(oracle.replicas()).containsExactly(3, 0, 1);
    assertThat(oracle.gpuHours()).isCloseTo(4 * 60 / 3600.0, within(1e-12));
    assertThat(oracle.peakReplicas()).isEqualTo(3);
    assertThat(oracle.ratio(4 * 60 / 3600.0 * 2)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void shorterWindowsNeverGiveALowerBoundForTheSameLoad() {
    OracleResult minute = new CapacityOracle(FixedCapacity.of(5), 60 * S).bound(steps(), 1);
    OracleResult tenSeconds = new CapacityOracle(FixedCapacity.of(5), 10 * S).bound(steps(), 1);

    assertThat(tenSeconds.gpuHours()).isGreaterThanOrEqualTo(minute.gpuHours());
  }

  @Test
  void aMixNoReplicaCanServeWithinTheSloHasNoOracle() {
    CapacityModel hopeless =
        new CapacityModel() {
          @Override
          public double maxRatePerReplica(PoolRole role, LoadShape shape) {
            return 0;
          }

          @Override
          public String describe() {
            return "hopeless";
          }
        };

    OracleResult oracle = new CapacityOracle(hopeless, 60 * S).bound(steps(), 1);

    assertThat(oracle.reachable()).isFalse();
    assertThat(oracle.describe()).contains("the SLO is out of reach");
  }
}
