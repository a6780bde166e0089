package dev.llmscale.sim;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import dev.llmscale.sim.report.Percentiles;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.report.RunSummary;
import dev.llmscale.sim.workload.ConstantRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BestStaticFleetTest {

  /** Replays that meet the SLO from {@code least} replicas up, and remember what was tried. */
  private static final class Replays {
    final int least;
    final List<Integer> tried = new ArrayList<>();

    Replays(int least) {
      this.least = least;
    }

    RunResult replay(int replicas) {
      tried.add(replicas);
      return run(replicas, replicas >= least);
    }
  }

  @ParameterizedTest(name = "least {0}, guess {1}, max {2} -> {3} after {4}")
  @CsvSource({
    // least, guess, max, found, tried
    "3, 3, 16, 3, 3 1 2",
    "3, 8, 16, 3, 8 4 2 3",
    "5, 2, 16, 5, 2 4 8 6 5",
    "1, 4, 16, 1, 4 2 1",
    "7, 1, 8, 7, 1 2 4 8 6 7",
    "3, 0, 16, 3, 1 2 4 3",
    "2, 40, 4, 2, 4 2 1",
  })
  void findsTheLeastFleetThatMeetsTheSloAndOneFewerMisses(
      int least, int guess, int max, int found, String tried) {
    Replays replays = new Replays(least);

    RunResult result = BestStaticFleet.search(replays::replay, guess, max, r -> {});

    assertThat(result.summary().peakReplicas()).isEqualTo(found);
    assertThat(result.summary().sloMet()).isTrue();
    assertThat(result.policy()).isEqualTo("best-static");
    assertThat(replays.tried)
        .containsExactly(
            java.util.Arrays.stream(tried.split(" "))
                .map(Integer::valueOf)
                .toArray(Integer[]::new));
    // the reported replay's own wall time and events, so that its speed reads like any run's
    assertThat(result.events()).isEqualTo(1000L * found);
    assertThat(result.wallSeconds()).isEqualTo(0.5);
  }

  @Test
  void whenNoFleetMeetsTheSloItReportsTheLargestAsMissed() {
    Replays replays = new Replays(99);

    RunResult result = BestStaticFleet.search(replays::replay, 3, 10, r -> {});

    assertThat(result.summary().sloMet()).isFalse();
    assertThat(result.summary().peakReplicas()).isEqualTo(10);
    assertThat(replays.tried).containsExactly(3, 6, 10);
  }

  @Test
  void aPoolWithoutRoomForAReplicaIsAnError() {
    assertThatThrownBy(() -> BestStaticFleet.search(r -> run(r, true), 1, 0, r -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("room for a replica");
  }

  @Test
  void onTheSimulatorOneReplicaFewerThanItFindsMissesTheSlo() {
    RooflinePerformanceModel qwen =
        new RooflinePerformanceModel(
            Catalog.builtIn().model("qwen3-0.6b"), Catalog.builtIn().gpu("h100"));
    SimulationSetup setup =
        TestSetups.setup(
            qwen, 1, 8, TestSetups.fixedShapes(new ConstantRate(120), true, 3000, 250), 60 * S, 3);
    List<Integer> tried = new ArrayList<>();

    RunResult best =
        BestStaticFleet.search(
            replicas -> pinned(setup, replicas), 1, setup.fleet().maxReplicas(), tried::add);

    int found = best.summary().peakReplicas();
    assertThat(found).isGreaterThan(1);
    assertThat(best.summary().sloMet()).isTrue();
    assertThat(best.summary().gpuHours()).isEqualTo(found / 60.0);
    assertThat(pinned(setup, found - 1).summary().sloMet()).isFalse();
    assertThat(tried).contains(found, found - 1);
  }

  private static RunResult pinned(SimulationSetup setup, int replicas) {
    return FleetSimulation.run(
        setup.withFleet(setup.fleet().pinnedAt(replicas)), null, ProgressListener.NONE);
  }

  private static RunResult run(int replicas, boolean met) {
    RunSummary summary =
        new RunSummary(
            100,
            100,
            met ? 100 : 50,
            met ? 0 : 50,
            0,
            Map.of(),
            Percentiles.NONE,
            Percentiles.NONE,
            Percentiles.NONE,
            met ? 1 : 0.5,
            met ? 1 : 0.5,
            1,
            met,
            replicas,
            replicas,
            replicas,
            0,
            0,
            replicas,
            replicas);
    return new RunResult(
        "t", "static", 1, 3600, "slo", summary, List.of(), List.of(), 0.5, 1000L * replicas);
  }
}
