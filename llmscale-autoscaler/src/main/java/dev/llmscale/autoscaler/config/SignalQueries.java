package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.PlannerQueries;
import dev.llmscale.core.policy.PlannerSignal;
import dev.llmscale.core.policy.SloPlannerConfig.ErrorBudget;
import dev.llmscale.core.policy.SloTargets;
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

  /** The default queries ({@link PlannerQueries}) with the window in PromQL's syntax. */
  public static Map<PlannerSignal, String> defaults(
      String prefix, Duration window, double quantile) {
    return PlannerQueries.defaults(prefix, DurationText.format(window), quantile);
  }

  /** The window the queries read over: a scrape source must keep at least this much. */
  static Duration window(ConfigNode signals) {
    Duration window = signals.field("window").durationOr(DEFAULT_WINDOW);
    if (window.isZero() || window.toNanos() % 1_000_000 != 0) {
      throw signals.field("window").error("must be a whole number of milliseconds > 0");
    }
    return window;
  }

  /**
   * Reads {@code planner.signals}: one query per signal, defaults where not given; the error
   * budget's signals by default only when the budget is on.
   *
   * @param budgetNode {@code planner.errorBudget}, where a target the buckets cannot read is blamed
   */
  static List<MetricQuery> read(
      ConfigNode signals, SloTargets slo, ErrorBudget budget, ConfigNode budgetNode) {
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
    Duration window = window(signals);
    Map<PlannerSignal, String> defaults = new EnumMap<>(PlannerSignal.class);
    defaults.putAll(defaults(prefix, window, slo.quantile()));
    if (budget.enabled()) {
      try {
        defaults.putAll(
            PlannerQueries.errorBudget(
                prefix,
                slo.ttftSeconds(),
                DurationText.format(window),
                DurationText.format(budget.period())));
      } catch (IllegalArgumentException e) {
        throw budgetNode.error(e.getMessage());
      }
    }
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
