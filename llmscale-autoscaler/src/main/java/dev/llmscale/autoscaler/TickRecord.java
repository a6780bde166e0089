package dev.llmscale.autoscaler;

import dev.llmscale.core.policy.MetricReading;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one control-loop tick saw and did, for the decision log and the autoscaler's metrics.
 *
 * @param time wall-clock time of the tick
 * @param policy the policy's kind
 * @param metrics the readings the policy was given, by name
 * @param services one entry per scaled service
 * @param durationSeconds wall time the tick took: reading metrics and targets, deciding, scaling
 */
public record TickRecord(
    Instant time,
    String policy,
    Map<String, MetricReading> metrics,
    List<ServiceRecord> services,
    double durationSeconds) {

  /** What happened to the desired count of a service. */
  public enum Outcome {
    /** The desired count equals the current one. */
    UNCHANGED,
    /** The new count was written to the scale target. */
    SCALED,
    /** Dry run: the count was decided and logged, not written. */
    DRY_RUN,
    /** Writing the count failed; {@code error} says why. */
    FAILED
  }

  /**
   * @param service the scaled service
   * @param replicas the desired count before the tick ({@code spec.replicas})
   * @param existing replicas that exist ({@code status.replicas})
   * @param ready replicas ready to serve
   * @param desired what the policy wants
   * @param outcome what was done with it
   * @param reason the policy's explanation
   * @param forecast the planner's view (null for policies without a forecast)
   * @param error why scaling failed, or null
   */
  public record ServiceRecord(
      String service,
      int replicas,
      int existing,
      int ready,
      int desired,
      Outcome outcome,
      String reason,
      Forecast forecast,
      String error) {}

  /**
   * What the SLO planner planned for, per service.
   *
   * @param requestRate forecast requests per second (NaN in a metric outage)
   * @param capacityPerReplica requests per second one replica sustains at the SLO
   * @param leadTimeSeconds how far ahead it looked
   * @param action the planner's action (e.g. {@code SCALE_UP}, {@code PANIC}, {@code HOLD})
   */
  public record Forecast(
      double requestRate, double capacityPerReplica, double leadTimeSeconds, String action) {}
}
