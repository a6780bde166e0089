package dev.llmscale.core.policy;

import java.util.List;

/**
 * A scaling policy: a pure state machine that turns observations into desired replica counts.
 *
 * <p>It never reads a clock, opens a socket or starts a thread. The caller passes the time and what
 * it measured; the policy returns, for each service it scales, the replica count it wants and a
 * sentence saying why, plus the time it wants to be called next. The live autoscaler calls it on
 * the wall clock and writes the counts to a scale target; the simulator calls it in virtual time.
 * Everything the policy remembers between ticks (stabilization windows, failure counts, forecasts,
 * learned lead times) lives inside the object and changes only through {@link #tick}, so both
 * drivers see identical behaviour.
 *
 * <p>Not thread-safe: one owner calls {@link #tick} with non-decreasing times.
 */
public interface ScalingPolicy {

  /** The kind name users write in configuration: {@code threshold}, {@code slo-planner}. */
  String kind();

  /** The services this policy scales, in the order its decisions list them. */
  List<String> services();

  /**
   * Runs one control-loop tick.
   *
   * <p>Call it first whenever the driver starts, then at (or after) the returned {@link
   * ScalingDecision#nextTickNanos()}. Calling earlier is allowed and cheap: work that is not due
   * yet is skipped and the decision repeats the current replica counts. Calling later is allowed
   * too; the policy catches up with one evaluation, as a controller that was descheduled would.
   *
   * @param nowNanos the driving clock's time in nanoseconds (virtual or wall); never decreasing
   * @param observation replica counts of every scaled service and the metric readings taken now; a
   *     failed or missing reading is a failed poll, never a zero
   * @throws IllegalArgumentException if {@code nowNanos} is before a previous tick, or the
   *     observation lacks a service this policy scales
   */
  ScalingDecision tick(long nowNanos, Observation observation);
}
