package dev.llmscale.sim.control;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.FleetSimulation;
import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.TestSetups;
import dev.llmscale.sim.fleet.PerSequenceOverhead;
import dev.llmscale.sim.oracle.OracleResult;
import dev.llmscale.sim.oracle.ReplayOracle;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.workload.StepRate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OraclePlanSetupTest {

  /** ReplayOracleTest's step: 5 then 25 req/s from 300 s; one replica carries about 8. */
  private static SimulationSetup setup() {
    StepRate load = new StepRate(List.of(new StepRate.Step(0, 5), new StepRate.Step(300 * S, 25)));
    return TestSetups.setup(
        new PerSequenceOverhead(new ConstantStepModel(0.001, 0), 0.010),
        1,
        8,
        TestSetups.fixedShapes(load, false, 16, 10),
        600 * S,
        1);
  }

  @Test
  void theOraclesPlanRunByTheClockKeepsTheSloAtNoLessThanTheBound() {
    SimulationSetup setup = setup();
    OracleResult oracle = new ReplayOracle(60 * S, 8).bound(setup, 1);
    OraclePlanSetup plan = OraclePlanSetup.of(setup, oracle);

    RunResult run = FleetSimulation.run(setup, plan, ProgressListener.NONE);

    assertThat(plan.label()).isEqualTo("oracle-plan");
    assertThat(plan.sizes()).containsExactly(oracle.replicas());
    // asked for a mean lead time before the step, the plan's replicas serve it in time
    assertThat(run.summary().sloMet()).isTrue();
    assertThat(run.summary().peakReplicas()).isEqualTo(oracle.peakReplicas());
    assertThat(run.summary().gpuHours()).isGreaterThanOrEqualTo(oracle.gpuHours());
  }

  @Test
  void anOracleWithoutAPlanHasNothingToReplay() {
    OracleResult none = OracleResult.unreachable(60, "no fleet of up to 8 replicas meets it");
    OracleResult boundOnly = OracleResult.withoutPlan(1.5, 60, "no plan found");

    for (OracleResult oracle : new OracleResult[] {none, boundOnly}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> OraclePlanSetup.of(setup(), oracle))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the oracle has no plan to replay");
    }
  }

  @Test
  void aBoundWithoutAPlanStillMeasuresThePolicies() {
    OracleResult boundOnly = OracleResult.withoutPlan(1.5, 60, "no plan found");

    assertThat(boundOnly.reachable()).isTrue();
    assertThat(boundOnly.hasPlan()).isFalse();
    assertThat(boundOnly.ratio(3.0)).isEqualTo(2.0);
    assertThat(boundOnly.describe())
        .isEqualTo("oracle 1.50 GPU-hours (60 s windows; no plan found)");
  }
}
