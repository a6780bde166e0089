package dev.llmscale.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * KEDA ScaledObject plus Kubernetes HPA semantics (KEDA 2.20, autoscaling/v2 of Kubernetes 1.33+),
 * reproduced exactly so users can compare a ScaledObject with the SLO planner and migrate (the
 * rules, with their sources, are in {@code docs/scaling.md}).
 *
 * <p>Two loops run inside, as two controllers do in a cluster, each on its own period:
 *
 * <ul>
 *   <li>the <b>KEDA poll</b> every {@code pollingInterval}: reads every trigger, decides whether
 *       the object is active (some metric strictly above its {@code activationThreshold}), scales 0
 *       → max(1, min) on activation and down to 0 (or {@code idleReplicaCount}) once no trigger has
 *       been active for {@code cooldownPeriod};
 *   <li>the <b>HPA sync</b> every {@code hpa.syncPeriodSeconds}: reads every trigger again (the HPA
 *       asks KEDA's metrics adapter, which queries the source each time), computes a replica count
 *       per trigger, takes the maximum, then applies tolerance, stabilization windows, rate
 *       policies and min/max. It does nothing while the target is at 0 replicas.
 * </ul>
 *
 * <p>When both are due at one instant the HPA sync runs first and the poll sees its result, as in a
 * cluster, where a write is not visible to the other controller within the same instant. Both loops
 * count a failed read towards the trigger's {@code fallback} failures, as KEDA does.
 *
 * <p>Not modelled: pause annotations, {@code scalingModifiers}, {@code useCachedMetrics}, CPU and
 * memory triggers, and the HPA's handling of unready pods (which applies to per-pod metrics, not to
 * KEDA's external metrics).
 */
public final class ThresholdPolicy implements ScalingPolicy {
  private static final long SECOND = 1_000_000_000L;

  private final ThresholdConfig config;
  private final long pollPeriodNanos;
  private final long syncPeriodNanos;
  private final HpaScalingRules scaleUp;
  private final HpaScalingRules scaleDown;

  private boolean started;
  private long createdNanos;
  private long lastTickNanos;
  private long nextPollNanos;
  private long nextSyncNanos;

  // KEDA's ScaledObject status
  private boolean everActive;
  private long lastActiveNanos;
  private final Map<String, Integer> failures = new HashMap<>();

  // the HPA controller's memory of this HPA
  private List<Recommendation> recommendations;
  private final List<ScaleEvent> scaleUpEvents = new ArrayList<>();
  private final List<ScaleEvent> scaleDownEvents = new ArrayList<>();

  public ThresholdPolicy(ThresholdConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config is required");
    }
    this.config = config;
    this.pollPeriodNanos = config.pollingInterval() * SECOND;
    this.syncPeriodNanos = config.hpa().syncPeriodSeconds() * SECOND;
    this.scaleUp = config.behavior().map(HpaBehavior::scaleUp).orElse(null);
    this.scaleDown = config.behavior().map(HpaBehavior::scaleDown).orElse(null);
  }

  public ThresholdConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return "threshold";
  }

  @Override
  public List<String> services() {
    return List.of(config.service());
  }

  /** Consecutive failed reads of {@code trigger} (counted only with a fallback, as KEDA does). */
  public int consecutiveFailures(String trigger) {
    return failures.getOrDefault(trigger, 0);
  }

  @Override
  public ScalingDecision tick(long nowNanos, Observation observation) {
    if (started && nowNanos < lastTickNanos) {
      throw new IllegalArgumentException(
          "time went backwards: " + nowNanos + " < " + lastTickNanos + " (ns)");
    }
    ServiceState state = observation.service(config.service());
    if (!started) {
      started = true;
      createdNanos = nowNanos;
      nextPollNanos = nowNanos;
      nextSyncNanos = nowNanos;
    }
    lastTickNanos = nowNanos;

    int current = state.replicas();
    int replicas = current;
    List<String> notes = new ArrayList<>(2);
    if (nowNanos >= nextSyncNanos) {
      replicas = hpaSync(nowNanos, observation, state, notes);
      nextSyncNanos = next(nextSyncNanos, syncPeriodNanos, nowNanos);
    }
    if (nowNanos >= nextPollNanos) {
      replicas = kedaPoll(nowNanos, observation, state, replicas, notes);
      nextPollNanos = next(nextPollNanos, pollPeriodNanos, nowNanos);
    }
    long nextTick = Math.min(nextPollNanos, nextSyncNanos);
    if (notes.isEmpty()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "no KEDA poll or HPA sync due for %s: keeping %d",
              seconds(nextTick - nowNanos),
              replicas));
    }
    ServiceDecision decision =
        new ServiceDecision(config.service(), current, replicas, String.join("; ", notes));
    return new ScalingDecision(nowNanos, List.of(decision), nextTick);
  }

  private static long next(long due, long period, long now) {
    long next = due + period;
    return next > now ? next : now + period;
  }

  // ---------------------------------------------------------------------------------------------
  // The KEDA poll (pkg/scaling/scale_handler.go checkScalers + executor/scale_scaledobjects.go)

  private int kedaPoll(
      long now, Observation observation, ServiceState state, int current, List<String> notes) {
    boolean active = false;
    boolean error = false;
    List<String> activeTriggers = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Trigger trigger : config.triggers()) {
      MetricReading reading = observation.metric(trigger.name());
      Read read = read(trigger, reading, current, state.readyReplicas());
      if (read.error != null) {
        error = true;
        errors.add(read.error);
      } else if (read.fallback || reading.value() > trigger.activationThreshold()) {
        active = true;
        activeTriggers.add(
            read.fallback
                ? trigger.name() + " (fallback)"
                : String.format(
                    Locale.ROOT,
                    "%s %s > %s",
                    trigger.name(),
                    number(reading.value()),
                    number(trigger.activationThreshold())));
      }
    }
    int min = config.minReplicaCount();
    boolean idleMode = config.idleReplicaCount().isPresent();
    String prefix = "KEDA poll: ";
    if (active) {
      if ((idleMode && current < min) || current == 0) {
        int target = min > 0 ? min : 1;
        everActive = true;
        lastActiveNanos = now;
        notes.add(
            prefix
                + "activated by "
                + String.join(", ", activeTriggers)
                + ": "
                + current
                + " -> "
                + target);
        return target;
      }
      if (error) {
        notes.add(prefix + "active, but " + String.join("; ", errors) + " (last active time kept)");
        return current;
      }
      everActive = true;
      lastActiveNanos = now;
      notes.add(prefix + "active (" + String.join(", ", activeTriggers) + ")");
      return current;
    }
    if (error && config.fallback().isPresent() && config.fallback().get().replicas() != 0) {
      notes.add(prefix + "inactive with " + String.join("; ", errors) + ": fallback pending");
      return current;
    }
    if (error && config.fallback().isEmpty()) {
      notes.add(prefix + "inactive with " + String.join("; ", errors) + ": no change");
      return current;
    }
    int idle = config.idleReplicaCount().orElse(-1);
    if ((idleMode && current > idle) || (current > 0 && min == 0)) {
      return scaleToZeroOrIdle(now, current, notes);
    }
    if (!idleMode && current < min) {
      notes.add(prefix + "inactive below minReplicaCount: " + current + " -> " + min);
      return min;
    }
    notes.add(prefix + "inactive at " + current);
    return current;
  }

  private int scaleToZeroOrIdle(long now, int current, List<String> notes) {
    long cooldown = config.cooldownPeriod() * SECOND;
    long initial = config.initialCooldownPeriod() * SECOND;
    boolean over = everActive ? lastActiveNanos + cooldown < now : createdNanos + initial < now;
    int target = config.idleReplicaCount().orElse(config.minReplicaCount());
    String what = config.idleReplicaCount().isPresent() ? "idleReplicaCount" : "minReplicaCount";
    if (over) {
      notes.add(
          String.format(
              Locale.ROOT,
              "KEDA poll: no trigger active for more than cooldownPeriod %d s: %d -> %d (%s)",
              everActive ? config.cooldownPeriod() : config.initialCooldownPeriod(),
              current,
              target,
              what));
      return target;
    }
    long since = now - (everActive ? lastActiveNanos : createdNanos);
    notes.add(
        String.format(
            Locale.ROOT,
            "KEDA poll: inactive for %s of cooldownPeriod %d s: keeping %d",
            seconds(since),
            everActive ? config.cooldownPeriod() : config.initialCooldownPeriod(),
            current));
    return current;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading a trigger through KEDA's fallback (pkg/fallback/fallback.go)

  /** A trigger's value as handed to the HPA, in thousandths, or why there is none. */
  private record Read(long milli, boolean fallback, String error) {}

  private Read read(Trigger trigger, MetricReading reading, int current, int ready) {
    boolean withFallback = config.fallback().isPresent();
    if (!reading.isFailure()) {
      if (withFallback) {
        failures.put(trigger.name(), 0);
      }
      return new Read(Trigger.toMilli(reading.value()), false, null);
    }
    String failed = trigger.name() + " failed (" + reading.failure() + ")";
    if (!withFallback) {
      return new Read(0, false, failed);
    }
    Fallback fallback = config.fallback().get();
    int count = failures.merge(trigger.name(), 1, Integer::sum);
    if (count <= fallback.failureThreshold()) {
      return new Read(
          0,
          false,
          failed + ", failure " + count + " of failureThreshold " + fallback.failureThreshold());
    }
    double replicas = fallback.behavior().replicas(fallback.replicas(), current);
    if (trigger.metricType() == Trigger.MetricType.VALUE) {
      if (ready == 0) {
        return new Read(0, false, failed + ", and a Value fallback needs ready replicas");
      }
      replicas /= ready;
    }
    double target = trigger.thresholdMilli() / 1000.0;
    long milli = (long) (target * 1000 * replicas);
    return new Read(milli, true, null);
  }

  // ---------------------------------------------------------------------------------------------
  // The HPA sync (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler)

  private record Proposal(int replicas, String text) {}

  private int hpaSync(long now, Observation observation, ServiceState state, List<String> notes) {
    int current = state.replicas();
    if (recommendations == null) {
      recommendations = new ArrayList<>();
      recommendations.add(new Recommendation(current, now));
    }
    int min = config.hpaMinReplicas();
    int max = config.maxReplicaCount();
    String prefix = "HPA sync: ";
    int desired;
    if (current == 0) {
      notes.add(prefix + "scaling disabled at 0 replicas");
      return 0;
    } else if (current > max) {
      desired = max;
      notes.add(prefix + "above maxReplicaCount: " + current + " -> " + max);
    } else if (current < min) {
      desired = min;
      notes.add(prefix + "below minReplicaCount: " + current + " -> " + min);
    } else {
      int proposed = 0;
      boolean any = false;
      int invalid = 0;
      List<String> parts = new ArrayList<>();
      for (Trigger trigger : config.triggers()) {
        Read read =
            read(trigger, observation.metric(trigger.name()), current, state.readyReplicas());
        if (read.error != null) {
          invalid++;
          parts.add(read.error);
          continue;
        }
        Proposal proposal = propose(trigger, read, state);
        if (proposal == null) {
          invalid++;
          parts.add(trigger.name() + ": no pods returned by the selector");
          continue;
        }
        parts.add(proposal.text);
        if (!any || proposal.replicas > proposed) {
          proposed = proposal.replicas;
          any = true;
        }
      }
      String metrics = String.join("; ", parts);
      if (invalid == config.triggers().size() || (invalid > 0 && proposed < current)) {
        notes.add(
            prefix
                + metrics
                + (invalid == config.triggers().size()
                    ? ": no valid metric, keeping " + current
                    : ": a metric failed and the rest would scale down, keeping " + current));
        return current;
      }
      StringBuilder why = new StringBuilder(prefix).append(metrics);
      if (config.triggers().size() > 1) {
        why.append("; max ").append(proposed);
      }
      desired =
          scaleUp == null
              ? normalizeLegacy(now, current, proposed, min, max, why)
              : normalizeWithBehavior(now, current, proposed, min, max, why);
      why.append(": ").append(current).append(" -> ").append(desired);
      notes.add(why.toString());
    }
    if (desired != current) {
      storeScaleEvent(now, current, desired);
    }
    return desired;
  }

  /** One trigger's replica count (replica_calculator.go), or null when no pod exists. */
  private Proposal propose(Trigger trigger, Read read, ServiceState state) {
    long usage = read.milli;
    long target = trigger.thresholdMilli();
    String value =
        read.fallback ? "fallback metric " + milli(usage) : trigger.name() + " " + milli(usage);
    if (trigger.metricType() == Trigger.MetricType.AVERAGE_VALUE) {
      int status = state.statusReplicas();
      double ratio = (double) usage / ((double) target * status);
      if (within(ratio)) {
        return new Proposal(
            status,
            String.format(
                Locale.ROOT,
                "%s / (target %s × %d replicas) = %.2f, within tolerance: %d",
                value,
                milli(target),
                status,
                ratio,
                status));
      }
      int replicas = ceilToInt((double) usage / (double) target);
      return new Proposal(
          replicas,
          String.format(
              Locale.ROOT,
              "%s / AverageValue target %s -> %d (ratio %.2f to %d replicas)",
              value,
              milli(target),
              replicas,
              ratio,
              status));
    }
    int current = state.replicas();
    double ratio = (double) usage / (double) target;
    if (within(ratio)) {
      return new Proposal(
          current,
          String.format(
              Locale.ROOT,
              "%s / Value target %s = %.2f, within tolerance: %d",
              value,
              milli(target),
              ratio,
              current));
    }
    if (state.statusReplicas() == 0) {
      return null;
    }
    int replicas = ceilToInt(ratio * state.readyReplicas());
    return new Proposal(
        replicas,
        String.format(
            Locale.ROOT,
            "%s / Value target %s = %.2f × %d ready -> %d",
            value,
            milli(target),
            ratio,
            state.readyReplicas(),
            replicas));
  }

  private boolean within(double ratio) {
    double up = tolerance(scaleUp);
    double down = tolerance(scaleDown);
    return 1.0 - down <= ratio && ratio <= 1.0 + up;
  }

  private double tolerance(HpaScalingRules rules) {
    return rules != null && rules.tolerance().isPresent()
        ? rules.tolerance().getAsDouble()
        : config.hpa().tolerance();
  }

  // -- without behavior: normalizeDesiredReplicas, stabilizeRecommendation, convertWithRules

  private int normalizeLegacy(
      long now, int current, int desired, int min, int max, StringBuilder why) {
    long cutoff = now - config.hpa().downscaleStabilizationSeconds() * SECOND;
    int stabilized = desired;
    int oldIndex = -1;
    for (int i = 0; i < recommendations.size(); i++) {
      Recommendation rec = recommendations.get(i);
      if (rec.timeNanos < cutoff) {
        oldIndex = i;
      } else if (rec.replicas > stabilized) {
        stabilized = rec.replicas;
      }
    }
    record(oldIndex, desired, now);
    if (stabilized != desired) {
      why.append(
          String.format(
              Locale.ROOT,
              "; scale-down stabilized over %d s: highest recent recommendation %d",
              config.hpa().downscaleStabilizationSeconds(),
              stabilized));
    }
    int scaleUpLimit = Math.max(2 * current, 4);
    int maxAllowed = Math.min(max, scaleUpLimit);
    if (stabilized < min) {
      why.append("; raised to minReplicaCount ").append(min);
      return min;
    }
    if (stabilized > maxAllowed) {
      why.append(
          maxAllowed == scaleUpLimit && max > scaleUpLimit
              ? "; limited to max(2 × current, 4) = " + scaleUpLimit
              : "; limited to maxReplicaCount " + max);
      return maxAllowed;
    }
    return stabilized;
  }

  // -- with behavior: normalizeDesiredReplicasWithBehaviors

  private int normalizeWithBehavior(
      long now, int current, int desired, int min, int max, StringBuilder why) {
    int upWindow = scaleUp.stabilizationWindowSeconds().orElse(0);
    int downWindow =
        scaleDown.stabilizationWindowSeconds().orElse(config.hpa().downscaleStabilizationSeconds());
    long upCutoff = now - upWindow * SECOND;
    long downCutoff = now - downWindow * SECOND;
    int upRecommendation = desired;
    int downRecommendation = desired;
    int oldIndex = -1;
    for (int i = 0; i < recommendations.size(); i++) {
      Recommendation rec = recommendations.get(i);
      if (rec.timeNanos > upCutoff) {
        upRecommendation = Math.min(rec.replicas, upRecommendation);
      }
      if (rec.timeNanos > downCutoff) {
        downRecommendation = Math.max(rec.replicas, downRecommendation);
      }
      if (rec.timeNanos < upCutoff && rec.timeNanos < downCutoff) {
        oldIndex = i;
      }
    }
    int stabilized = current;
    if (stabilized < upRecommendation) {
      stabilized = upRecommendation;
    }
    if (stabilized > downRecommendation) {
      stabilized = downRecommendation;
    }
    record(oldIndex, desired, now);
    if (stabilized != desired) {
      why.append(
          desired >= current
              ? String.format(
                  Locale.ROOT,
                  "; scale-up stabilized over %d s: lowest recent recommendation %d",
                  upWindow,
                  upRecommendation)
              : String.format(
                  Locale.ROOT,
                  "; scale-down stabilized over %d s: highest recent recommendation %d",
                  downWindow,
                  downRecommendation));
    }
    if (stabilized > current) {
      int limit = scaleUpLimit(now, current);
      if (limit < current) {
        limit = current;
      }
      int maxAllowed = max;
      boolean rate = false;
      if (maxAllowed > limit) {
        maxAllowed = limit;
        rate = true;
      }
      if (stabilized > maxAllowed) {
        why.append(
            rate
                ? "; scale-up policies (" + describe(scaleUp) + ") allow " + maxAllowed + " now"
                : "; limited to maxReplicaCount " + max);
        return maxAllowed;
      }
    } else if (stabilized < current) {
      int limit = scaleDownLimit(now, current);
      if (limit > current) {
        limit = current;
      }
      int minAllowed = min;
      boolean rate = false;
      if (minAllowed < limit) {
        minAllowed = limit;
        rate = true;
      }
      if (stabilized < minAllowed) {
        why.append(
            rate
                ? "; scale-down policies (" + describe(scaleDown) + ") allow " + minAllowed + " now"
                : "; raised to minReplicaCount " + min);
        return minAllowed;
      }
    }
    return stabilized;
  }

  private void record(int oldIndex, int desired, long now) {
    Recommendation fresh = new Recommendation(desired, now);
    if (oldIndex >= 0) {
      recommendations.set(oldIndex, fresh);
    } else {
      recommendations.add(fresh);
    }
  }

  private int scaleUpLimit(long now, int current) {
    if (scaleUp.selectPolicy() == HpaScalingRules.SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = scaleUp.selectPolicy() == HpaScalingRules.SelectPolicy.MIN;
    long result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (HpaScalingPolicy policy : scaleUp.policies()) {
      int start =
          current
              - changeInPeriod(scaleUpEvents, policy.periodSeconds(), now)
              + changeInPeriod(scaleDownEvents, policy.periodSeconds(), now);
      long proposed =
          policy.type() == HpaScalingPolicy.Type.PODS
              ? (long) start + policy.value()
              : (long) Math.ceil(start * (1 + policy.value() / 100.0));
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  private int scaleDownLimit(long now, int current) {
    if (scaleDown.selectPolicy() == HpaScalingRules.SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = scaleDown.selectPolicy() == HpaScalingRules.SelectPolicy.MIN;
    long result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (HpaScalingPolicy policy : scaleDown.policies()) {
      int start =
          current
              - changeInPeriod(scaleUpEvents, policy.periodSeconds(), now)
              + changeInPeriod(scaleDownEvents, policy.periodSeconds(), now);
      long proposed =
          policy.type() == HpaScalingPolicy.Type.PODS
              ? (long) start - policy.value()
              : (long) (start * (1 - policy.value() / 100.0));
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  private static int changeInPeriod(List<ScaleEvent> events, int periodSeconds, long now) {
    long cutoff = now - periodSeconds * SECOND;
    int change = 0;
    for (ScaleEvent event : events) {
      if (event.timeNanos > cutoff) {
        change += event.change;
      }
    }
    return change;
  }

  /** storeScaleEvent: reuses the slot of an event older than the direction's longest period. */
  private void storeScaleEvent(long now, int previous, int replicas) {
    if (scaleUp == null) {
      return; // without behavior the controller keeps no events
    }
    boolean up = replicas > previous;
    List<ScaleEvent> events = up ? scaleUpEvents : scaleDownEvents;
    long cutoff = now - (up ? scaleUp : scaleDown).longestPeriodSeconds() * SECOND;
    int outdated = -1;
    for (int i = 0; i < events.size(); i++) {
      ScaleEvent event = events.get(i);
      if (event.timeNanos < cutoff) {
        event.outdated = true;
      }
      if (event.outdated) {
        outdated = i;
      }
    }
    ScaleEvent fresh = new ScaleEvent(Math.abs(replicas - previous), now);
    if (outdated >= 0) {
      events.set(outdated, fresh);
    } else {
      events.add(fresh);
    }
  }

  private static String describe(HpaScalingRules rules) {
    StringBuilder text = new StringBuilder();
    for (HpaScalingPolicy policy : rules.policies()) {
      if (!text.isEmpty()) {
        text.append(rules.selectPolicy() == HpaScalingRules.SelectPolicy.MIN ? " or " : ", ");
      }
      text.append(policy);
    }
    return text.toString();
  }

  private static int ceilToInt(double value) {
    double ceil = Math.ceil(value);
    if (Double.isNaN(ceil)) {
      return 0;
    }
    return ceil >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ceil;
  }

  private static String milli(long milli) {
    return String.format(Locale.ROOT, "%.3f", milli / 1000.0);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
  }

  private record Recommendation(int replicas, long timeNanos) {}

  private static final class ScaleEvent {
    final int change;
    final long timeNanos;
    boolean outdated;

    ScaleEvent(int change, long timeNanos) {
      this.change = change;
      this.timeNanos = timeNanos;
    }
  }
}
