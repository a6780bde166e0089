package dev.llmscale.core.policy;

/**
 * KEDA's {@code fallback}: once a trigger has failed more than {@code failureThreshold} polls in a
 * row, the HPA is handed a metric that asks for {@code replicas} (or, per {@code behavior}, the
 * current count) instead of an error.
 *
 * @param failureThreshold consecutive failures tolerated before falling back (>= 0); the fallback
 *     applies from failure {@code failureThreshold + 1} on
 * @param replicas the replica count to fall back to (>= 0)
 * @param behavior KEDA's {@code fallback.behavior}
 */
public record Fallback(int failureThreshold, int replicas, Behavior behavior) {

  /** KEDA's {@code fallback.behavior}. */
  public enum Behavior {
    /** Always {@code replicas} (KEDA's default). */
    STATIC("static"),
    /** Keep the current replica count. */
    CURRENT_REPLICAS("currentReplicas"),
    /** The current count if it is higher than {@code replicas}, else {@code replicas}. */
    CURRENT_REPLICAS_IF_HIGHER("currentReplicasIfHigher"),
    /** The current count if it is lower than {@code replicas}, else {@code replicas}. */
    CURRENT_REPLICAS_IF_LOWER("currentReplicasIfLower");

    private final String keda;

    Behavior(String keda) {
      this.keda = keda;
    }

    public String kedaName() {
      return keda;
    }

    /** Parses KEDA's spelling, e.g. {@code currentReplicasIfHigher}. */
    public static Behavior parse(String text) {
      for (Behavior behavior : values()) {
        if (behavior.keda.equals(text)) {
          return behavior;
        }
      }
      throw new IllegalArgumentException(
          "fallback.behavior must be static, currentReplicas, currentReplicasIfHigher or"
              + " currentReplicasIfLower, not '"
              + text
              + "'");
    }

    int replicas(int fallbackReplicas, int currentReplicas) {
      return switch (this) {
        case STATIC -> fallbackReplicas;
        case CURRENT_REPLICAS -> currentReplicas;
        case CURRENT_REPLICAS_IF_HIGHER -> Math.max(currentReplicas, fallbackReplicas);
        case CURRENT_REPLICAS_IF_LOWER -> Math.min(currentReplicas, fallbackReplicas);
      };
    }
  }

  public Fallback {
    if (failureThreshold < 0) {
      throw new IllegalArgumentException(
          "fallback.failureThreshold must be >= 0: " + failureThreshold);
    }
    if (replicas < 0) {
      throw new IllegalArgumentException("fallback.replicas must be >= 0: " + replicas);
    }
    if (behavior == null) {
      throw new IllegalArgumentException("fallback.behavior is required");
    }
  }

  public static Fallback of(int failureThreshold, int replicas) {
    return new Fallback(failureThreshold, replicas, Behavior.STATIC);
  }
}
