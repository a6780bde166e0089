package dev.llmscale.sim.report;

import java.util.List;

/**
 * Everything one run produced, for tables, JSON and charts.
 *
 * @param scenario the scenario's name
 * @param policy the policy's label ({@code threshold}, {@code slo-planner}, {@code static})
 * @param seed the run's seed
 * @param durationSeconds the simulated span of arrivals
 * @param slo the targets attainment is measured against, as text
 * @param summary the figures
 * @param series the fleet over time
 * @param actions every change of the desired count, in order
 * @param wallSeconds wall-clock time the run took
 * @param events events processed
 */
public record RunResult(
    String scenario,
    String policy,
    long seed,
    double durationSeconds,
    String slo,
    RunSummary summary,
    List<TimePoint> series,
    List<ScalingAction> actions,
    double wallSeconds,
    long events) {

  public RunResult {
    series = List.copyOf(series);
    actions = List.copyOf(actions);
  }

  /** Simulated hours per second of wall time. */
  public double speedup() {
    return wallSeconds > 0 ? durationSeconds / 3600 / wallSeconds : Double.POSITIVE_INFINITY;
  }
}
