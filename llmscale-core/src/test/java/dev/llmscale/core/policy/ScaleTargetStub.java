package dev.llmscale.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a single-service policy in virtual time against a scale target whose replicas become ready
 * the instant they are written, and records every decision.
 */
final class ScaleTargetStub {
  static final long SECOND = 1_000_000_000L;

  final ScalingPolicy policy;
  final String service;
  int replicas;

  /** When >= 0, the ready (and existing) count the target reports instead of {@code replicas}. */
  int pinnedReady = -1;

  final List<ScalingDecision> decisions = new ArrayList<>();

  ScaleTargetStub(ScalingPolicy policy, int replicas) {
    this.policy = policy;
    this.service = policy.services().get(0);
    this.replicas = replicas;
  }

  /** Ticks at {@code seconds} with the given readings and applies the decision. */
  ServiceDecision tick(long seconds, Map<String, MetricReading> readings) {
    int ready = pinnedReady >= 0 ? pinnedReady : replicas;
    ServiceState state = new ServiceState(replicas, ready, ready);
    ScalingDecision decision =
        policy.tick(seconds * SECOND, new Observation(Map.of(service, state), readings));
    decisions.add(decision);
    replicas = decision.desired(service);
    return decision.only();
  }

  /** Ticks at {@code seconds} with one reading of the metric {@code m}. */
  ServiceDecision tick(long seconds, MetricReading reading) {
    return tick(seconds, Map.of("m", reading));
  }

  /**
   * Runs a timeline written {@code "t=value"} or {@code "t=fail"} for the metric {@code m}, one
   * tick per entry, and returns the replicas after each.
   */
  List<Integer> run(String... timeline) {
    List<Integer> out = new ArrayList<>();
    for (String step : timeline) {
      String[] parts = step.split("=");
      long t = Long.parseLong(parts[0].strip());
      tick(t, reading(parts[1].strip()));
      out.add(replicas);
    }
    return out;
  }

  /** Ticks every {@code period} seconds from {@code from} to {@code to} with a fixed reading. */
  void hold(long from, long to, long period, MetricReading reading) {
    for (long t = from; t <= to; t += period) {
      tick(t, reading);
    }
  }

  static MetricReading reading(String text) {
    return text.equals("fail") ? MetricReading.failed("connection refused") : value(text);
  }

  static MetricReading value(String text) {
    return MetricReading.of(Double.parseDouble(text));
  }

  static Map<String, MetricReading> readings(Object... nameValue) {
    Map<String, MetricReading> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      Object v = nameValue[i + 1];
      map.put(
          (String) nameValue[i],
          v instanceof MetricReading r ? r : MetricReading.of(((Number) v).doubleValue()));
    }
    return map;
  }
}
