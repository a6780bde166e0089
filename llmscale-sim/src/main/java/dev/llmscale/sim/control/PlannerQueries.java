package dev.llmscale.sim.control;

import dev.llmscale.core.policy.PlannerSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The planner's signal queries over the simulated gateway's metrics: the core defaults ({@link
 * dev.llmscale.core.policy.PlannerQueries}) the live autoscaler runs too, so a simulated planner
 * sees what a deployed one would.
 */
public final class PlannerQueries {
  private PlannerQueries() {}

  /**
   * @param prefix the gateway's metric prefix
   * @param windowSeconds the range of every {@code rate()}
   * @param quantile the SLO's quantile, for the TTFT and ITL tails
   */
  public static List<MetricQuery> defaults(String prefix, long windowSeconds, double quantile) {
    Map<PlannerSignal, String> defaults =
        dev.llmscale.core.policy.PlannerQueries.defaults(prefix, windowSeconds + "s", quantile);
    List<MetricQuery> queries = new ArrayList<>();
    defaults.forEach((signal, query) -> queries.add(MetricQuery.signal(signal.metric(), query)));
    return queries;
  }

  /**
   * The error budget's signals ({@link dev.llmscale.core.policy.PlannerQueries#errorBudget}).
   *
   * @param periodSeconds the budget's period
   */
  public static List<MetricQuery> errorBudget(
      String prefix, double ttftSeconds, long windowSeconds, long periodSeconds) {
    Map<PlannerSignal, String> defaults =
        dev.llmscale.core.policy.PlannerQueries.errorBudget(
            prefix, ttftSeconds, windowSeconds + "s", periodSeconds + "s");
    List<MetricQuery> queries = new ArrayList<>();
    defaults.forEach((signal, query) -> queries.add(MetricQuery.signal(signal.metric(), query)));
    return queries;
  }
}
