package dev.llmscale.core.policy;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A toy fleet for planner scenarios: replicas asked for become ready a fixed lead time later,
 * removed ones go at once, and the fleet's tail latencies and queue follow its utilization against
 * a known per-replica capacity (the SLO holds up to utilization 1 and is breached beyond).
 */
final class FleetStub {
  static final long SECOND = 1_000_000_000L;

  final SloTargets slo;
  final long leadNanos;
  final Map<String, Pool> pools = new LinkedHashMap<>();
  final Random random = new Random(11);
  double rateNoise;
  double queue;

  static final class Pool {
    final double capacity; // req/s per replica at the SLO
    int spec;
    int ready;
    final ArrayDeque<Long> starting = new ArrayDeque<>(); // ready times, oldest first

    Pool(double capacity, int replicas) {
      this.capacity = capacity;
      this.spec = replicas;
      this.ready = replicas;
    }

    double utilization(double load) {
      return ready == 0 ? Double.POSITIVE_INFINITY : load / (ready * capacity);
    }
  }

  FleetStub(SloTargets slo, long leadNanos) {
    this.slo = slo;
    this.leadNanos = leadNanos;
  }

  FleetStub pool(String service, double capacity, int replicas) {
    pools.put(service, new Pool(capacity, replicas));
    return this;
  }

  Pool pool(String service) {
    return pools.get(service);
  }

  /** Replicas whose start time has come become ready. */
  void advance(long now) {
    for (Pool pool : pools.values()) {
      while (!pool.starting.isEmpty() && pool.starting.peekFirst() <= now) {
        pool.starting.removeFirst();
        pool.ready++;
      }
    }
  }

  void apply(long now, ScalingDecision decision) {
    for (ServiceDecision d : decision.services()) {
      Pool pool = pools.get(d.service());
      int delta = d.desiredReplicas() - pool.spec;
      for (int i = 0; i < delta; i++) {
        pool.starting.addLast(now + leadNanos);
      }
      for (int i = 0; i < -delta; i++) {
        if (!pool.starting.isEmpty()) {
          pool.starting.removeLast();
        } else {
          pool.ready--;
        }
      }
      pool.spec = d.desiredReplicas();
    }
  }

  /** Tail latency as a multiple of its target at utilization u: met up to u = 1, then steep. */
  static double latencyFactor(double u) {
    return u <= 1 ? 0.3 + 0.6 * u : 0.9 + 5 * (u - 1);
  }

  /** What the gateway would report for this tick at true load {@code load}. */
  Observation observe(double load, double tickSeconds) {
    Map<String, ServiceState> states = new LinkedHashMap<>();
    double worst = 0;
    double served = 0;
    for (Map.Entry<String, Pool> entry : pools.entrySet()) {
      Pool pool = entry.getValue();
      states.put(
          entry.getKey(),
          new ServiceState(pool.spec, pool.ready + pool.starting.size(), pool.ready));
      worst = Math.max(worst, pool.utilization(load));
      served =
          served == 0 ? pool.ready * pool.capacity : Math.min(served, pool.ready * pool.capacity);
    }
    queue = Math.max(0, queue + (load - served) * tickSeconds);
    double measured = load * (1 + rateNoise * random.nextGaussian());
    Map<String, MetricReading> metrics = new LinkedHashMap<>();
    metrics.put(PlannerSignal.REQUEST_RATE.metric(), MetricReading.of(Math.max(0, measured)));
    metrics.put(PlannerSignal.INPUT_TOKENS.metric(), MetricReading.of(1000));
    metrics.put(PlannerSignal.OUTPUT_TOKENS.metric(), MetricReading.of(200));
    double factor = latencyFactor(worst);
    metrics.put(PlannerSignal.TTFT_TAIL.metric(), MetricReading.of(slo.ttftSeconds() * factor));
    metrics.put(PlannerSignal.ITL_TAIL.metric(), MetricReading.of(slo.itlSeconds() * factor));
    metrics.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(queue));
    return new Observation(states, metrics);
  }
}
