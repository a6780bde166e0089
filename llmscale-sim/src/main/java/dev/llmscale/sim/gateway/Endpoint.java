package dev.llmscale.sim.gateway;

import dev.llmscale.core.engine.EngineSnapshot;
import dev.llmscale.core.route.QueueState;
import dev.llmscale.core.route.ReplicaLoad;
import dev.llmscale.core.route.ReplicaTimings;
import dev.llmscale.sim.fleet.Replica;

/**
 * The gateway's view of one routable replica, as the live gateway keeps it: its own in-flight count
 * (exact), the engine's queue from the last engine-metrics sample (stale by up to one sample
 * interval), requests sent since that sample, and learned timings.
 */
final class Endpoint {
  private static final EngineSnapshot NO_SAMPLE = new EngineSnapshot(0, 0, 0, 0, 1);

  final Replica replica;
  final ReplicaTimings timings = new ReplicaTimings();
  private EngineSnapshot sample = NO_SAMPLE;
  private long sampledAtNanos = -1;
  private int dispatchedSinceSample;

  Endpoint(Replica replica) {
    this.replica = replica;
  }

  void sample(long nowNanos) {
    sample = replica.snapshot();
    sampledAtNanos = nowNanos;
    dispatchedSinceSample = 0;
  }

  void dispatched() {
    dispatchedSinceSample++;
  }

  /** The engine reported a queue at its last sample. */
  boolean queueing() {
    return sample.waiting() > 0;
  }

  ReplicaLoad load() {
    return new ReplicaLoad(
        replica.id(), replica.inFlight(), sample.waiting(), sample.running(), sample.kvUsage());
  }

  QueueState queueState(long nowNanos) {
    double age = sampledAtNanos < 0 ? 0 : (nowNanos - sampledAtNanos) / 1e9;
    return new QueueState(
        sample.waiting(),
        sample.running(),
        dispatchedSinceSample,
        age,
        timings.meanServiceSeconds(),
        timings.unqueuedTtftSeconds());
  }
}
