package dev.llmscale.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy sees at one tick: the replica counts of the services it scales and the metric
 * readings taken for it, by name. For the threshold policy the names are its triggers' names; the
 * SLO planner reads the names of {@link PlannerSignal}. A name without a reading is a failed poll.
 *
 * @param services replica counts by service name
 * @param metrics readings by metric name
 */
public record Observation(Map<String, ServiceState> services, Map<String, MetricReading> metrics) {

  public Observation {
    services = Map.copyOf(services);
    metrics = Map.copyOf(metrics);
  }

  /** An observation of one service. */
  public static Observation of(String service, ServiceState state, Map<String, MetricReading> m) {
    return new Observation(Map.of(service, state), m);
  }

  /** The state of {@code service}; it must be present. */
  public ServiceState service(String service) {
    ServiceState state = services.get(service);
    if (state == null) {
      throw new IllegalArgumentException(
          "the observation has no replica counts for service '"
              + service
              + "' (it has "
              + services.keySet()
              + ")");
    }
    return state;
  }

  /** The reading named {@code name}, or a failed poll if there is none. */
  public MetricReading metric(String name) {
    MetricReading reading = metrics.get(name);
    return reading != null ? reading : MetricReading.failed("no reading for '" + name + "'");
  }

  /** This observation with one reading added or replaced. */
  public Observation with(String name, MetricReading reading) {
    Map<String, MetricReading> copy = new LinkedHashMap<>(metrics);
    copy.put(name, reading);
    return new Observation(services, copy);
  }

  /** This observation with one service's replica counts added or replaced. */
  public Observation with(String service, ServiceState state) {
    Map<String, ServiceState> copy = new LinkedHashMap<>(services);
    copy.put(service, state);
    return new Observation(copy, metrics);
  }
}
