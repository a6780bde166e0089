package dev.llmscale.sim.control;

import dev.llmscale.core.policy.Observation;
import dev.llmscale.core.policy.ScalingDecision;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ServiceDecision;
import java.util.List;

/**
 * Replicas by the clock, from a plan that knows the load: each tick asks for the most replicas the
 * plan holds from now until {@code aheadNanos} later, so that replicas started now are ready when
 * their window begins, and gives them back when the plan drops. It reads no metric. With the
 * oracle's plan it shows what hindsight buys in the scenario's own fleet, with its random delays.
 */
final class ScheduledPolicy implements ScalingPolicy {
  private final String service;
  private final long windowNanos;
  private final int[] sizes;
  private final long aheadNanos;
  private final long tickNanos;

  /**
   * @param sizes replicas per window, from time 0; the last holds to the end
   * @param aheadNanos how long before a window its replicas are asked for
   */
  ScheduledPolicy(String service, long windowNanos, int[] sizes, long aheadNanos, long tickNanos) {
    if (windowNanos <= 0 || tickNanos <= 0 || aheadNanos < 0 || sizes.length == 0) {
      throw new IllegalArgumentException("a schedule needs windows, a tick and a plan");
    }
    this.service = service;
    this.windowNanos = windowNanos;
    this.sizes = sizes.clone();
    this.aheadNanos = aheadNanos;
    this.tickNanos = tickNanos;
  }

  @Override
  public String kind() {
    return "schedule";
  }

  @Override
  public List<String> services() {
    return List.of(service);
  }

  @Override
  public ScalingDecision tick(long nowNanos, Observation observation) {
    int current = observation.service(service).replicas();
    int first = window(nowNanos);
    int last = window(nowNanos + aheadNanos);
    int wanted = 0;
    for (int w = first; w <= last; w++) {
      wanted = Math.max(wanted, sizes[w]);
    }
    String reason =
        "the plan holds "
            + wanted
            + " from window "
            + first
            + " to window "
            + last
            + ": "
            + current
            + " -> "
            + wanted;
    return new ScalingDecision(
        nowNanos,
        List.of(new ServiceDecision(service, current, wanted, reason)),
        nowNanos + tickNanos);
  }

  private int window(long nanos) {
    return (int) Math.min(sizes.length - 1, Math.max(0, nanos / windowNanos));
  }
}
