package dev.llmscale.autoscaler.source;

import java.util.Objects;

/**
 * One metric the control loop polls at every tick.
 *
 * @param name the reading's name in the policy's observation (a trigger's name, or a planner signal
 *     such as {@code request_rate})
 * @param expression what to evaluate, in the source's language (PromQL for both sources; the scrape
 *     source evaluates the subset it documents)
 * @param emptyAsZero what an empty result means: 0 when true (KEDA's {@code ignoreNullValues:
 *     true}, its default), a failed poll when false
 */
public record MetricQuery(String name, String expression, boolean emptyAsZero) {

  public MetricQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
    if (expression.isBlank()) {
      throw new IllegalArgumentException("metric '" + name + "': the query is empty");
    }
  }
}
