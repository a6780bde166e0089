package dev.llmscale.core.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A KEDA ScaledObject as the {@link ThresholdPolicy} reads it, field for field, plus the flags of
 * the Kubernetes HPA controller KEDA hands the scaling from 1 to N to. Times are whole seconds, as
 * in the ScaledObject. Start from {@link #of} (KEDA's defaults) and change fields with the {@code
 * with} methods; every field is validated at construction with a message naming it.
 *
 * @param service the scale target ({@code scaleTargetRef.name})
 * @param triggers the triggers; the largest replica count any of them asks for wins
 * @param pollingInterval seconds between KEDA's polls of the triggers for activity (default 30)
 * @param cooldownPeriod seconds without activity before scaling to zero or to {@code
 *     idleReplicaCount} (default 300); applies only there
 * @param initialCooldownPeriod seconds after creation before the first scale to zero (default 0)
 * @param minReplicaCount lowest count while active (default 0: scale to zero when inactive)
 * @param maxReplicaCount highest count (default 100)
 * @param idleReplicaCount count while inactive, below {@code minReplicaCount} (KEDA's idle mode)
 * @param fallback replicas to use after failed polls
 * @param behavior the HPA {@code behavior}; empty reproduces an HPA without one (the legacy
 *     controller path: scale-up at most {@code max(2·current, 4)} per sync, scale-down stabilized
 *     over the controller's window)
 * @param hpa the HPA controller's flags
 */
public record ThresholdConfig(
    String service,
    List<Trigger> triggers,
    int pollingInterval,
    int cooldownPeriod,
    int initialCooldownPeriod,
    int minReplicaCount,
    int maxReplicaCount,
    OptionalInt idleReplicaCount,
    Optional<Fallback> fallback,
    Optional<HpaBehavior> behavior,
    HpaControllerSettings hpa) {

  public static final int DEFAULT_POLLING_INTERVAL = 30;
  public static final int DEFAULT_COOLDOWN_PERIOD = 300;
  public static final int DEFAULT_MAX_REPLICA_COUNT = 100;

  public ThresholdConfig {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("scaleTargetRef.name (service) is required");
    }
    if (triggers == null || triggers.isEmpty()) {
      throw new IllegalArgumentException("triggers: at least one trigger is required");
    }
    triggers = List.copyOf(triggers);
    Set<String> names = new HashSet<>();
    for (Trigger trigger : triggers) {
      if (!names.add(trigger.name())) {
        throw new IllegalArgumentException(
            "triggers: two triggers read the metric '" + trigger.name() + "'");
      }
    }
    if (pollingInterval <= 0) {
      throw new IllegalArgumentException("pollingInterval must be > 0: " + pollingInterval);
    }
    if (cooldownPeriod < 0) {
      throw new IllegalArgumentException("cooldownPeriod must be >= 0: " + cooldownPeriod);
    }
    if (initialCooldownPeriod < 0) {
      throw new IllegalArgumentException(
          "initialCooldownPeriod must be >= 0: " + initialCooldownPeriod);
    }
    if (minReplicaCount < 0) {
      throw new IllegalArgumentException("minReplicaCount must be >= 0: " + minReplicaCount);
    }
    if (maxReplicaCount < 1) {
      throw new IllegalArgumentException("maxReplicaCount must be >= 1: " + maxReplicaCount);
    }
    if (minReplicaCount > maxReplicaCount) {
      throw new IllegalArgumentException(
          "minReplicaCount ("
              + minReplicaCount
              + ") must be <= maxReplicaCount ("
              + maxReplicaCount
              + ")");
    }
    if (idleReplicaCount == null || fallback == null || behavior == null || hpa == null) {
      throw new IllegalArgumentException(
          "idleReplicaCount, fallback, behavior and hpa must not be null (use empty)");
    }
    if (idleReplicaCount.isPresent()
        && (idleReplicaCount.getAsInt() < 0
            || idleReplicaCount.getAsInt() >= Math.max(1, minReplicaCount))) {
      throw new IllegalArgumentException(
          "idleReplicaCount ("
              + idleReplicaCount.getAsInt()
              + ") must be >= 0 and < minReplicaCount ("
              + minReplicaCount
              + ")");
    }
  }

  /** A ScaledObject with KEDA's defaults for everything but the target and the triggers. */
  public static ThresholdConfig of(String service, Trigger... triggers) {
    return new ThresholdConfig(
        service,
        List.of(triggers),
        DEFAULT_POLLING_INTERVAL,
        DEFAULT_COOLDOWN_PERIOD,
        0,
        0,
        DEFAULT_MAX_REPLICA_COUNT,
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        HpaControllerSettings.DEFAULTS);
  }

  /** The HPA's {@code minReplicas}: KEDA never gives the HPA less than 1. */
  public int hpaMinReplicas() {
    return minReplicaCount > 0 ? minReplicaCount : 1;
  }

  public ThresholdConfig withTriggers(Trigger... value) {
    return new ThresholdConfig(
        service,
        List.of(value),
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        behavior,
        hpa);
  }

  public ThresholdConfig withPollingInterval(int value) {
    return new ThresholdConfig(
        service,
        triggers,
        value,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        behavior,
        hpa);
  }

  public ThresholdConfig withCooldownPeriod(int value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        value,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        behavior,
        hpa);
  }

  public ThresholdConfig withInitialCooldownPeriod(int value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        value,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        behavior,
        hpa);
  }

  /** Sets {@code minReplicaCount} and {@code maxReplicaCount} together. */
  public ThresholdConfig withReplicaCounts(int min, int max) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        min,
        max,
        idleReplicaCount,
        fallback,
        behavior,
        hpa);
  }

  public ThresholdConfig withIdleReplicaCount(int value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        OptionalInt.of(value),
        fallback,
        behavior,
        hpa);
  }

  public ThresholdConfig withFallback(Fallback value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        Optional.of(value),
        behavior,
        hpa);
  }

  public ThresholdConfig withBehavior(HpaBehavior value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        Optional.of(value),
        hpa);
  }

  public ThresholdConfig withHpa(HpaControllerSettings value) {
    return new ThresholdConfig(
        service,
        triggers,
        pollingInterval,
        cooldownPeriod,
        initialCooldownPeriod,
        minReplicaCount,
        maxReplicaCount,
        idleReplicaCount,
        fallback,
        behavior,
        value);
  }
}
