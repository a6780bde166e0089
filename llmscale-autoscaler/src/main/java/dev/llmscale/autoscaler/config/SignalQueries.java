package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.PlannerSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The PromQL each planner signal is read with: by default over the gateway's metrics (docs/
 * metrics.md), summed over every model and replica; {@code planner.signals} replaces any of them by
 * its reading's name. An empty result is a failed reading, on which the planner holds.
 */
public final class SignalQueries {
  public static final String DEFAULT_METRIC_PREFIX = "llmscale_frontend_";
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  private static final Pattern METRIC_PREFIX = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?");

  private SignalQueries() {}

  /**
   * The default query of every signal but {@link PlannerSignal#GOODPUT}, which has none: the share
   * of requests within both targets depends on bucket bounds only the user knows match the SLO.
   *
   * @param prefix the gateway's metric prefix ({@code llmscale_frontend_}, {@code
   *     dynamo_frontend_})
   * @param window the range of {@code rate()}
   * @param quantile the SLO's quantile, for the TTFT and ITL tails
   */
  public static Map<PlannerSignal, String> defaults(
      String prefix, Duration window, double quantile) {
    String range = "[" + DurationText.format(window) + "]";
    String q = BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
    Map<PlannerSignal, String> queries = new EnumMap<>(PlannerSignal.class);
    // Arrivals, not completions: the gateway observes a request's input length when it arrives,
    // while requests_total counts it when it ends, which under overload is capped by capacity and
    // hides the very demand the planner must see.
    queries.put(
        PlannerSignal.REQUEST_RATE,
        "sum(rate(" + prefix + "input_sequence_tokens_count" + range + "))");
    queries.put(PlannerSignal.INPUT_TOKENS, mean(prefix + "input_sequence_tokens", range));
    queries.put(PlannerSignal.OUTPUT_TOKENS, mean(prefix + "output_sequence_tokens", range));
    queries.put(PlannerSignal.TTFT_TAIL, tail(q, prefix + "time_to_first_token_seconds", range));
    queries.put(PlannerSignal.ITL_TAIL, tail(q, prefix + "inter_token_latency_seconds", range));
    queries.put(PlannerSignal.QUEUE_DEPTH, "sum(" + prefix + "queued_requests)");
    return queries;
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

  /** The window the queries read over: a scrape source must keep at least this much. */
  static Duration window(ConfigNode signals) {
    Duration window = signals.field("window").durationOr(DEFAULT_WINDOW);
    if (window.isZero() || window.toNanos() % 1_000_000 != 0) {
      throw signals.field("window").error("must be a whole number of milliseconds > 0");
    }
    return window;
  }

  /** Reads {@code planner.signals}: one query per signal, defaults where not given. */
  static List<MetricQuery> read(ConfigNode signals, double quantile) {
    List<String> fields = new ArrayList<>(List.of("metricPrefix", "window"));
    for (PlannerSignal signal : PlannerSignal.values()) {
      fields.add(signal.metric());
    }
    signals.allowOnly(fields);
    ConfigNode prefixNode = signals.field("metricPrefix");
    String prefix = prefixNode.textOr(DEFAULT_METRIC_PREFIX).strip();
    if (!METRIC_PREFIX.matcher(prefix).matches()) {
      throw prefixNode.error(
          "'" + prefix + "' cannot start a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
    }
    Map<PlannerSignal, String> defaults = defaults(prefix, window(signals), quantile);
    List<MetricQuery> queries = new ArrayList<>();
    for (PlannerSignal signal : PlannerSignal.values()) {
      ConfigNode override = signals.field(signal.metric());
      String query = override.isPresent() ? override.name() : defaults.get(signal);
      if (query != null) {
        queries.add(new MetricQuery(signal.metric(), query, false));
      }
    }
    return queries;
  }
}
