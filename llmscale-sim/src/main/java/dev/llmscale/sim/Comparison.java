package dev.llmscale.sim;

import dev.llmscale.sim.control.OraclePlanSetup;
import dev.llmscale.sim.control.PolicySetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.oracle.OracleResult;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several policies on one scenario, one after the other, each on the same seeded workload: the
 * same requests arrive at the same times in every run, so differences are the policies' doing. The
 * oracle bound is computed from the same requests.
 */
public final class Comparison {
  /** The label progress about the oracle bound carries. */
  public static final String ORACLE = "oracle";

  /** The label of the oracle's plan replayed as a policy. */
  public static final String ORACLE_PLAN = "oracle-plan";

  private Comparison() {}

  /**
   * The runs and the yardstick they are measured against.
   *
   * @param runs one per policy, in the order asked for
   * @param oracle the least GPU-hours with which the requests could meet the SLO
   */
  public record Result(List<RunResult> runs, OracleResult oracle) {
    public Result {
      runs = List.copyOf(runs);
    }
  }

  /**
   * @param labels the policies to run, by label; {@code static} runs the initial fleet without a
   *     policy, {@code oracle-plan} the oracle's plan by the clock, {@code best-static} the least
   *     fixed fleet that meets the SLO (several replays, {@link BestStaticFleet})
   * @throws IllegalArgumentException for {@code oracle-plan} when the oracle has no plan
   * @param seed overrides the scenario's seed
   * @param progress hears each run's progress, with the run's label
   */
  public static Result run(
      Scenario scenario, List<String> labels, long seed, RunProgress progress) {
    SimulationSetup setup = scenario.setup().withSeed(seed);
    OracleResult oracle =
        scenario.oracle().bound(setup, seed, (now, total) -> progress.progress(ORACLE, now, total));
    List<RunResult> results = new ArrayList<>();
    for (String label : labels) {
      if (label.equals(BestStaticFleet.LABEL)) {
        results.add(bestStatic(setup, oracle, progress));
        continue;
      }
      PolicySetup policy =
          switch (label) {
            case "static" -> null;
            case ORACLE_PLAN -> OraclePlanSetup.of(setup, oracle);
            default -> scenario.policy(label);
          };
      results.add(
          FleetSimulation.run(setup, policy, (now, total) -> progress.progress(label, now, total)));
    }
    return new Result(results, oracle);
  }

  /** The least fixed fleet that meets the SLO, searched from the oracle's peak. */
  private static RunResult bestStatic(
      SimulationSetup setup, OracleResult oracle, RunProgress progress) {
    FleetConfig fleet = setup.fleet();
    int guess = oracle.hasPlan() ? oracle.peakReplicas() : fleet.initialReplicas();
    String[] trying = {BestStaticFleet.LABEL};
    return BestStaticFleet.search(
        replicas ->
            FleetSimulation.run(
                setup.withFleet(fleet.pinnedAt(replicas)),
                null,
                (now, total) -> progress.progress(trying[0], now, total)),
        guess,
        fleet.maxReplicas(),
        replicas -> trying[0] = BestStaticFleet.LABEL + " at " + replicas);
  }

  /** Progress of one of the compared runs. */
  @FunctionalInterface
  public interface RunProgress {
    RunProgress NONE = (label, simulated, total) -> {};

    void progress(String label, long simulatedNanos, long durationNanos);
  }
}
