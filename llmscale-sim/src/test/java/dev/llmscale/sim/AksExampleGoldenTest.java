package dev.llmscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.report.ScalingAction;
import dev.llmscale.sim.scenario.Scenario;
import dev.llmscale.sim.scenario.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped AKS example, seed 1, both policies: the decisions and figures docs/simulator.md
 * quotes. A change here is a change in behaviour someone should look at.
 */
class AksExampleGoldenTest {
  private static RunResult threshold;
  private static RunResult planner;

  @BeforeAll
  static void run() {
    Scenario scenario = ScenarioReader.read(Path.of("..", "examples", "aks-ttft-burst.yaml"));
    List<RunResult> results =
        Comparison.run(
                scenario, List.of("threshold", "slo-planner"), 1, Comparison.RunProgress.NONE)
            .runs();
    threshold = results.get(0);
    planner = results.get(1);
  }

  @Test
  void thresholdScalesUpLateAndBackDownWhileTheLoadIsStillHigh() {
    assertThat(threshold.actions())
        .extracting(ScalingAction::timeSeconds, ScalingAction::from, ScalingAction::to)
        .containsExactly(
            tuple(660.0, 2, 4), // first poll after the first scrape of the burst (at 600 s)
            tuple(1680.0, 4, 2), // p99 0.05 s / 0.3 -> 1 replica: the AverageValue pitfall
            tuple(1740.0, 2, 4), // the two survivors saturate again
            tuple(2280.0, 4, 2));
    assertThat(threshold.actions().get(1).reason()).contains("AverageValue target 0.300 -> 1");
  }

  @Test
  void capacityArrivesMinutesAfterTheBurstWhateverThePolicy() {
    // asked for at 660 s: node 180 s, model load 90 s
    assertThat(readyAt(threshold, 4)).isEqualTo(930.0);
    assertThat(readyAt(planner, 4)).isEqualTo(930.0);
    assertThat(threshold.summary().ttft().p99()).isGreaterThan(100);
  }

  @Test
  void thePlannerHoldsItsCapacityThroughTheBurstAndScalesDownAfterIt() {
    assertThat(planner.actions()).first().extracting(ScalingAction::to).isEqualTo(4);
    assertThat(planner.actions().get(0).timeSeconds()).isEqualTo(660.0);
    assertThat(planner.actions().get(0).reason()).contains("p99 TTFT").contains("queue");
    assertThat(planner.actions().subList(1, planner.actions().size()))
        .allSatisfy(a -> assertThat(a.timeSeconds()).isGreaterThan(1800 + 300));
    assertThat(planner.summary().sloAttainment())
        .isGreaterThan(threshold.summary().sloAttainment() + 0.05);
    assertThat(planner.summary().requests()).isEqualTo(threshold.summary().requests());
  }

  private static double readyAt(RunResult result, int replicas) {
    return result.series().stream()
        .filter(p -> p.readyReplicas() >= replicas)
        .findFirst()
        .orElseThrow()
        .timeSeconds();
  }
}
