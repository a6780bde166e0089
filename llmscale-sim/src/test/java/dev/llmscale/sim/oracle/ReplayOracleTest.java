package dev.llmscale.sim.oracle;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.TestSetups;
import dev.llmscale.sim.fleet.PerSequenceOverhead;
import dev.llmscale.sim.workload.StepRate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayOracleTest {

  /**
   * A step costs 1 ms plus 10 ms per decoding sequence, so a replica delivers fewer than 100 tokens
   * a second however it batches: 10-token answers at 25 req/s (250 tokens/s) need three replicas,
   * at 5 req/s one.
   */
  private static SimulationSetup setup() {
    StepRate load = new StepRate(List.of(new StepRate.Step(0, 5), new StepRate.Step(60 * S, 25)));
    return TestSetups.setup(
        new PerSequenceOverhead(new ConstantStepModel(0.001, 0), 0.010),
        1,
        8,
        TestSetups.fixedShapes(load, false, 16, 10),
        120 * S,
        1);
  }

  @Test
  void thePlanRunsTheFewestReplicasThatKeepTheMissesWithinTheBudget() {
    OracleResult oracle = new ReplayOracle(60 * S, 8).bound(setup(), 1);

    // two replicas in the busy minute miss far more than the 36 misses 1800 requests allow
    assertThat(oracle.replicas()).containsExactly(1, 3);
    assertThat(oracle.planGpuHours()).isCloseTo(4 * 60 / 3600.0, within(1e-12));
    assertThat(oracle.method()).contains("36 misses").contains("1800 requests");
  }

  @Test
  void theBoundIsTheDualOfThePlanJustBelowIt() {
    OracleResult oracle = new ReplayOracle(60 * S, 8).bound(setup(), 1);

    assertThat(oracle.gpuHours())
        .isLessThanOrEqualTo(oracle.planGpuHours())
        .isGreaterThan(0.95 * oracle.planGpuHours());
  }

  @Test
  void anSloNoFleetWithinTheBoundCanMeetHasNoOracle() {
    OracleResult oracle = new ReplayOracle(60 * S, 2).bound(setup(), 1);

    assertThat(oracle.reachable()).isFalse();
    assertThat(oracle.ratio(1.0)).isNaN();
    assertThat(oracle.describe())
        .startsWith("no oracle: no fleet of up to 2 replicas meets p99 TTFT <= 0.300 s");
  }
}
