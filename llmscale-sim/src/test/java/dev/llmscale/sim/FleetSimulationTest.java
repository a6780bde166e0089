package dev.llmscale.sim;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import dev.llmscale.sim.fleet.PerSequenceOverhead;
import dev.llmscale.sim.report.Percentiles;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.report.RunSummary;
import dev.llmscale.sim.workload.ConstantRate;
import dev.llmscale.sim.workload.StepRate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetSimulationTest {
  private static final RooflinePerformanceModel QWEN_H100 =
      new RooflinePerformanceModel(
          Catalog.builtIn().model("qwen3-0.6b"), Catalog.builtIn().gpu("h100"));

  @Test
  void aLoneRequestTakesTheOverheadThenOneStepPerToken() {
    // 10 ms steps, 5 ms overhead, one request a second on two replicas: none ever queues
    SimulationSetup setup =
        TestSetups.constantLoad(new ConstantStepModel(0.010, 0.005), 2, 1.0, 100, 10);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    assertThat(summary.requests()).isEqualTo(60);
    assertThat(summary.completed()).isEqualTo(60);
    assertThat(summary.ttft().p50()).isCloseTo(0.015, within(1e-9));
    assertThat(summary.ttft().max()).isCloseTo(0.015, within(1e-9));
    assertThat(summary.itl().p99()).isCloseTo(0.010, within(1e-9));
    assertThat(summary.e2e().p99()).isCloseTo(0.105, within(1e-9));
    assertThat(summary.sloAttainment()).isEqualTo(1.0);
    assertThat(summary.goodputPerSecond()).isEqualTo(1.0);
    assertThat(summary.sloMet()).isTrue();
    // two one-GPU nodes for the minute at 4 $/GPU-hour
    assertThat(summary.gpuHours()).isCloseTo(2.0 / 60, within(1e-12));
    assertThat(summary.cost()).isCloseTo(4 * 2.0 / 60, within(1e-12));
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
    SimulationSetup setup =
        TestSetups.setup(
            QWEN_H100,
            2,
            2,
            TestSetups.fixedShapes(new ConstantRate(40), true, 3000, 250),
            60 * S,
            7);
    RunResult first = FleetSimulation.run(setup, null, ProgressListener.NONE);
    RunResult again = FleetSimulation.run(setup, null, ProgressListener.NONE);
    RunResult otherSeed =
        FleetSimulation.run(
            TestSetups.setup(
                QWEN_H100,
                2,
                2,
                TestSetups.fixedShapes(new ConstantRate(40), true, 3000, 250),
                60 * S,
                8),
            null,
            ProgressListener.NONE);

    assertThat(again.summary()).isEqualTo(first.summary());
    assertThat(again.series()).isEqualTo(first.series());
    assertThat(again.events()).isEqualTo(first.events());
    assertThat(otherSeed.summary()).isNotEqualTo(first.summary());
    assertThat(first.summary().requests()).isBetween(2_200L, 2_600L);
  }

  @Test
  void aClientThatWaitsLongerThanItsTimeoutGivesUp() {
    // one replica at 10 steps a second: a 2000-token answer takes 200 s, past the 60 s timeout
    SimulationSetup setup =
        TestSetups.constantLoad(new ConstantStepModel(0.100, 0), 1, 20, 100, 2000);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    assertThat(summary.errors()).containsKey("timeout");
    assertThat(summary.errors().get("timeout") + summary.completed()).isEqualTo(summary.requests());
    assertThat(summary.sloAttainment()).isLessThan(0.5);
  }

  /**
   * The SLO is met exactly when the misses of each kind are within what the quantile allows: of all
   * requests for TTFT, of those with an ITL for ITL. One replica whose steps cost 10 ms per
   * decoding sequence, from idle to past its timeouts.
   */
  @ParameterizedTest(name = "{0} req/s, {1} output tokens")
  @CsvSource({
    "4, 10", "6, 10", "8, 10", "10, 10", "12, 10", "20, 10", "30, 10", "30, 1", "30, 2", "2, 400"
  })
  void theSloIsMetExactlyWhenEachKindOfMissIsWithinItsBudget(double rate, int output) {
    SimulationSetup setup =
        TestSetups.setup(
            new PerSequenceOverhead(new ConstantStepModel(0.001, 0), 0.010),
            1,
            1,
            TestSetups.fixedShapes(new ConstantRate(rate), true, 16, output),
            120 * S,
            1);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    double q = setup.slo().quantile();
    boolean withinBudgets =
        summary.completed() > 0
            && summary.ttftMisses() <= Percentiles.allowedAbove(summary.requests(), q)
            && summary.itlMisses() <= Percentiles.allowedAbove(summary.itl().count(), q);
    assertThat(summary.sloMet()).isEqualTo(withinBudgets);
    assertThat(summary.ttftMisses())
        .isEqualTo(summary.requests() - Math.round(summary.ttftAttainment() * summary.requests()));
    assertThat(summary.itlMisses()).isLessThanOrEqualTo(summary.itl().count());
  }

  @Test
  void perKindMissesCountFailuresBeforeTheFirstTokenAndOnlyCompletedItls() {
    // 400-token answers on one replica all time out, some after a first token in time
    SimulationSetup setup =
        TestSetups.setup(
            new PerSequenceOverhead(new ConstantStepModel(0.001, 0), 0.010),
            1,
            1,
            TestSetups.fixedShapes(new ConstantRate(2), true, 16, 400),
            120 * S,
            1);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    assertThat(summary.completed()).isZero();
    assertThat(summary.ttftMisses()).isPositive().isLessThan(summary.requests());
    assertThat(summary.itlMisses()).isZero();
    assertThat(summary.sloMet()).isFalse();
  }

  @Test
  void slowDecodingMissesItlAndNotTtft() {
    // 6 req/s of 10-token answers: first tokens come in time, steps of several sequences do not
    SimulationSetup setup =
        TestSetups.setup(
            new PerSequenceOverhead(new ConstantStepModel(0.001, 0), 0.010),
            1,
            1,
            TestSetups.fixedShapes(new ConstantRate(6), true, 16, 10),
            120 * S,
            1);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    assertThat(summary.ttftMisses()).isZero();
    assertThat(summary.itlMisses())
        .isGreaterThan(Percentiles.allowedAbove(summary.itl().count(), 0.99));
    assertThat(summary.sloMet()).isFalse();
  }

  @Test
  void withoutReadyReplicasEveryRequestIsRefused() {
    SimulationSetup setup = TestSetups.constantLoad(new ConstantStepModel(0.01, 0), 0, 2, 10, 10);

    RunSummary summary = FleetSimulation.run(setup, null, ProgressListener.NONE).summary();

    assertThat(summary.errors()).isEqualTo(Map.of("no_replica", 120L));
    assertThat(summary.completed()).isZero();
    assertThat(summary.sloAttainment()).isZero();
    assertThat(summary.sloMet()).isFalse();
  }

  @Test
  void theSeriesFollowsALoadStep() {
    StepRate load = new StepRate(List.of(new StepRate.Step(0, 2), new StepRate.Step(30 * S, 8)));
    SimulationSetup setup =
        TestSetups.setup(
            new ConstantStepModel(0.01, 0),
            1,
            1,
            TestSetups.fixedShapes(load, false, 100, 10),
            60 * S,
            1);

    RunResult result = FleetSimulation.run(setup, null, ProgressListener.NONE);

    assertThat(result.series()).hasSize(6);
    assertThat(result.series().get(0).arrivalRate()).isEqualTo(2.0);
    assertThat(result.series().get(5).arrivalRate()).isEqualTo(8.0);
    assertThat(result.series()).allSatisfy(p -> assertThat(p.readyReplicas()).isEqualTo(1));
  }
}
