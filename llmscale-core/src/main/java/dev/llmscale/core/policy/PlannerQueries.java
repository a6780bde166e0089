package dev.llmscale.core.policy;

import dev.llmscale.core.metrics.FrontendBuckets;
import dev.llmscale.core.metrics.PrometheusFloats;
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

  /**
   * The default queries of the error budget's signals ({@link PlannerSignal#TTFT_ATTAINMENT},
   * {@link PlannerSignal#PERIOD_REQUESTS}, {@link PlannerSignal#PERIOD_TTFT_MISSES}). A first token
   * counts as within the target when it falls in a bucket whose bound is at or below it: exact when
   * the target is a bound of {@link FrontendBuckets} (every usual TTFT target is), stricter
   * otherwise. The period's requests are its first tokens plus the streaming requests refused under
   * load ({@code error_type="overload"}, admission control's answer before any token), so a refusal
   * is a miss; the misses are those requests less the first tokens within the target. Other
   * failures are not counted: {@code requests_total} does not tell a failure before the first token
   * from one after it. {@code increase()} misses the first refusals of a series that starts above
   * zero, as it does for any counter created on its first increment.
   *
   * @param ttftSeconds the SLO's TTFT target
   * @param range the signal window, in PromQL's duration syntax
   * @param period the error budget's period, in PromQL's duration syntax ({@code 1h}, {@code 1d})
   * @throws IllegalArgumentException if the target is below the smallest bucket bound
   */
  public static Map<PlannerSignal, String> errorBudget(
      String prefix, double ttftSeconds, String range, String period) {
    double bound = withinBound(ttftSeconds);
    String histogram = prefix + "time_to_first_token_seconds";
    // the le label as the gateway writes it (1 or 1.0: clients differ); a regex matches both
    String le = "le=~\"" + leForms(bound) + "\"";
    // a streaming request the gateway refused under load never had a first token and is a miss
    // as surely as a late one: the requests are the first tokens plus those refusals, in the
    // window and over the period. Other errors are left out: the counter does not say whether
    // they came before the first token, and one after it is not a TTFT miss.
    String count =
        "sum(increase("
            + histogram
            + "_count["
            + period
            + "])) + "
            + refused(prefix, "increase", period);
    String within = "sum(increase(" + histogram + "_bucket{" + le + "}[" + period + "]))";
    Map<PlannerSignal, String> queries = new EnumMap<>(PlannerSignal.class);
    queries.put(
        PlannerSignal.TTFT_ATTAINMENT,
        "sum(rate(%1$s_bucket{%2$s}[%3$s])) / (sum(rate(%1$s_count[%3$s])) + %4$s)"
            .formatted(histogram, le, range, refused(prefix, "rate", range)));
    queries.put(PlannerSignal.PERIOD_REQUESTS, count);
    queries.put(PlannerSignal.PERIOD_TTFT_MISSES, count + " - " + within);
    return queries;
  }

  /**
   * The streaming requests refused under load over {@code range}, by {@code function} ({@code rate}
   * or {@code increase}), as refused-or-successful less successful: the subset has no {@code or
   * vector(0)} for a refusal series that does not exist yet.
   */
  private static String refused(String prefix, String function, String range) {
    String ended = prefix + "requests_total{request_type=\"stream\",error_type";
    return "sum(%1$s(%2$s=~\"none|overload\"}[%3$s])) - sum(%1$s(%2$s=\"none\"}[%3$s]))"
        .formatted(function, ended, range);
  }

  /** The largest TTFT bucket bound at or below {@code ttftSeconds}. */
  static double withinBound(double ttftSeconds) {
    double bound = Double.NaN;
    for (double b : FrontendBuckets.timeToFirstTokenSeconds()) {
      if (b <= ttftSeconds * (1 + 1e-9)) {
        bound = b;
      }
    }
    if (Double.isNaN(bound)) {
      throw new IllegalArgumentException(
          "the TTFT target "
              + ttftSeconds
              + " s is below the gateway's smallest TTFT bucket ("
              + FrontendBuckets.timeToFirstTokenSeconds()[0]
              + " s): the share of first tokens within it cannot be read");
    }
    return bound;
  }

  /** {@code 0\\.5}, {@code 1|1\\.0}: the ways exposition formats write a bucket bound. */
  private static String leForms(double bound) {
    String shortest = PrometheusFloats.format(bound);
    String java = Double.toString(bound);
    String forms = shortest.equals(java) ? shortest : shortest + "|" + java;
    return forms.replace(".", "\\\\.");
  }

  private static String mean(String histogram, String window) {
    return "sum(rate(%1$s_sum%2$s)) / sum(rate(%1$s_count%2$s))".formatted(histogram, window);
  }

  private static String tail(String quantile, String histogram, String window) {
    return "histogram_quantile(%s, sum by (le) (rate(%s_bucket%s)))"
        .formatted(quantile, histogram, window);
  }
}
