package dev.llmscale.core.policy;

import java.util.List;

/**
 * The effects of one tick: the desired replicas of every scaled service and when the policy wants
 * to run next.
 *
 * @param timeNanos the tick's time
 * @param services one decision per scaled service, in {@link ScalingPolicy#services()} order
 * @param nextTickNanos when the policy next has work due ({@code > timeNanos})
 */
public record ScalingDecision(long timeNanos, List<ServiceDecision> services, long nextTickNanos) {

  public ScalingDecision {
    services = List.copyOf(services);
    if (nextTickNanos <= timeNanos) {
      throw new IllegalArgumentException("the next tick must be after this one");
    }
  }

  /** The decision for {@code service}. */
  public ServiceDecision decision(String service) {
    for (ServiceDecision decision : services) {
      if (decision.service().equals(service)) {
        return decision;
      }
    }
    throw new IllegalArgumentException("no decision for service '" + service + "'");
  }

  /** The desired replicas of {@code service}. */
  public int desired(String service) {
    return decision(service).desiredReplicas();
  }

  /** The decision of a single-service policy. */
  public ServiceDecision only() {
    if (services.size() != 1) {
      throw new IllegalStateException("the decision covers " + services.size() + " services");
    }
    return services.get(0);
  }
}
