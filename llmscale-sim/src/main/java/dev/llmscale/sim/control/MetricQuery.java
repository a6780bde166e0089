package dev.llmscale.sim.control;

/**
 * One query a policy reads at each tick.
 *
 * @param name the reading's name in the policy's observation (a trigger's name, or a planner signal
 *     such as {@code request_rate})
 * @param expression PromQL
 * @param keda read the result as KEDA's Prometheus scaler does: an empty result or a NaN/Inf value
 *     is 0 when {@code ignoreNullValues} (KEDA's default), several series are an error; false for
 *     planner signals, where empty or NaN is a failed reading
 * @param ignoreNullValues KEDA's {@code ignoreNullValues}; only meaningful with {@code keda}
 */
public record MetricQuery(String name, String expression, boolean keda, boolean ignoreNullValues) {

  public MetricQuery {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a query needs a name");
    }
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("query '" + name + "' is empty");
    }
  }

  /** A KEDA Prometheus trigger's query. */
  public static MetricQuery keda(String name, String expression, boolean ignoreNullValues) {
    return new MetricQuery(name, expression, true, ignoreNullValues);
  }

  /** A planner signal's query: empty or NaN is a failed reading. */
  public static MetricQuery signal(String name, String expression) {
    return new MetricQuery(name, expression, false, false);
  }
}
