package dev.llmscale.core.policy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The PromQL each {@link PlannerSignal} is read with by default, over the gateway's metrics
 * (docs/metrics.md), summed over every model and replica. One definition for the live autoscaler
 * and the simulator, so that a simulated planner reads what a deployed one reads.
 */
public final class PlannerQueries {
  private PlannerQueries() {}

  /**
   * The default query of every signal but {@link PlannerSignal#GOODPUT}, which has none: the share
   * of requests within both targets depends on bucket bounds only the user knows match the SLO.
   *
   * @param prefix the gateway's metric prefix ({@code llmscale_frontend_}, {@code
   *     dynamo_frontend_})
   * @param range the range of every {@code rate()} in PromQL's duration syntax ({@code 1m}, {@code
   *     10s})
   * @param quantile the SLO's quantile, for the TTFT and ITL tails
   */
  public static Map<PlannerSignal, String> defaults(String prefix, String range, double quantile) {
    String window = "[" + range + "]";
    String q = BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
    Map<PlannerSignal, String> queries = new EnumMap<>(PlannerSignal.class);
    // Arrivals, not completions: the gateway observes a request's input length when it arrives,
    // while requests_total counts it when it ends, which under overload is capped by capacity and
    // hides the very demand the planner must see.
    queries.put(
        PlannerSignal.REQUEST_RATE,
        "sum(rate(" + prefix + "input_sequence_tokens_count" + window + "))");
    queries.put(PlannerSignal.INPUT_TOKENS, mean(prefix + "input_sequence_tokens", window));
    queries.put(PlannerSignal.OUTPUT_TOKENS, mean(prefix + "output_sequence_tokens", window));
    queries.put(PlannerSignal.TTFT_TAIL, tail(q, prefix + "time_to_first_token_seconds", window));
    queries.put(PlannerSignal.ITL_TAIL, tail(q, prefix + "inter_token_latency_seconds", window));
    queries.put(PlannerSignal.QUEUE_DEPTH, "sum(" + prefix + "queued_requests)");
    return queries;
  }

  private static String mean(String histogram, String window) {
    return "sum(rate(%1$s_sum%2$s)) / sum(rate(%1$s_count%2$s))".formatted(histogram, window);
  }

  private static String tail(String quantile, String histogram, String window) {
    return "histogram_quantile(%s, sum by (le) (rate(%s_bucket%s)))"
        .formatted(quantile, histogram, window);
  }
}
