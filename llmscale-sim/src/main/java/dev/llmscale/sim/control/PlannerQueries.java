package dev.llmscale.sim.control;

import dev.llmscale.core.policy.PlannerSignal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The PromQL the SLO planner's signals are read with by default, over the gateway's metrics: the
 * same queries the live autoscaler runs by default, so a simulated planner sees what a deployed one
 * would. Goodput has no default (its threshold depends on bucket bounds matching the SLO).
 */
public final class PlannerQueries {
  private PlannerQueries() {}

  /**
   * @param prefix the gateway's metric prefix
   * @param windowSeconds the range of every {@code rate()}
   * @param quantile the SLO's quantile, for the TTFT and ITL tails
   */
  public static List<MetricQuery> defaults(String prefix, long windowSeconds, double quantile) {
    String range = "[" + windowSeconds + "s]";
    String q = BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
    List<MetricQuery> queries = new ArrayList<>();
    queries.add(
        signal(PlannerSignal.REQUEST_RATE, "sum(rate(" + prefix + "requests_total" + range + "))"));
    queries.add(signal(PlannerSignal.INPUT_TOKENS, mean(prefix + "input_sequence_tokens", range)));
    queries.add(
        signal(PlannerSignal.OUTPUT_TOKENS, mean(prefix + "output_sequence_tokens", range)));
    queries.add(
        signal(PlannerSignal.TTFT_TAIL, tail(q, prefix + "time_to_first_token_seconds", range)));
    queries.add(
        signal(PlannerSignal.ITL_TAIL, tail(q, prefix + "inter_token_latency_seconds", range)));
    queries.add(signal(PlannerSignal.QUEUE_DEPTH, "sum(" + prefix + "queued_requests)"));
    return queries;
  }

  private static MetricQuery signal(PlannerSignal signal, String expression) {
    return MetricQuery.signal(signal.metric(), expression);
  }

  private static String mean(String histogram, String range) {
    return "sum(rate("
        + histogram
        + "_sum"
        + range
        + ")) / sum(rate("
        + histogram
        + "_count"
        + range
        + "))";
  }

  private static String tail(String quantile, String histogram, String range) {
    return "histogram_quantile("
        + quantile
        + ", sum by (le) (rate("
        + histogram
        + "_bucket"
        + range
        + ")))";
  }
}
