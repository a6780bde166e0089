package dev.llmscale.sim;

import dev.llmscale.core.engine.ScheduledStep;
import dev.llmscale.sim.fleet.Node;
import dev.llmscale.sim.fleet.Replica;
import dev.llmscale.sim.fleet.ReplicaState;
import dev.llmscale.sim.fleet.SimRequest;

/**
 * Everything that can happen in a simulated fleet; {@code FleetSimulation} dispatches by switch.
 */
public sealed interface SimEvent {

  /** A client sends a request to the gateway. */
  record Arrival(SimRequest request) implements SimEvent {}

  /** An engine step ends: its tokens exist. */
  record StepEnd(Replica replica, ScheduledStep step) implements SimEvent {}

  /** An idle engine has work due (a request's overhead has elapsed). */
  record EngineWake(Replica replica) implements SimEvent {}

  /** A client gives up on a request that has not finished. */
  record ClientTimeout(SimRequest request) implements SimEvent {}

  /** A replica's lifecycle phase (image pull, model load) is over. */
  record PhaseDone(Replica replica, ReplicaState phase) implements SimEvent {}

  /** A draining replica's grace period is over: what it still serves is cut. */
  record DrainDeadline(Replica replica) implements SimEvent {}

  /** A provisioned GPU node joins the cluster. */
  record NodeReady(Node node) implements SimEvent {}

  /** A node that became empty at {@code emptySinceNanos} may be consolidated away. */
  record NodeIdleCheck(Node node, long emptySinceNanos) implements SimEvent {}

  /** The gateway refreshes its view of the engines' queues (its engine-metrics scrape). */
  record EngineSample() implements SimEvent {}

  /** The monitoring system scrapes the gateway's metrics. */
  record Scrape() implements SimEvent {}

  /** The autoscaler runs its policy. */
  record PolicyTick() implements SimEvent {}

  /** The results recorder samples its time series. */
  record RecordSample() implements SimEvent {}
}
