package dev.llmscale.core.policy;

/**
 * What a policy wants for one service.
 *
 * @param service the scaled service
 * @param currentReplicas its replica count when the tick began ({@code spec.replicas})
 * @param desiredReplicas the count to write to its scale target
 * @param reason one or more sentences a person can read, e.g. {@code "p99 TTFT 0.62 s > 0.30 s
 *     target: panic, 4 -> 8"}
 */
public record ServiceDecision(
    String service, int currentReplicas, int desiredReplicas, String reason) {

  public ServiceDecision {
    if (service == null || reason == null) {
      throw new IllegalArgumentException("service and reason are required");
    }
    if (currentReplicas < 0 || desiredReplicas < 0) {
      throw new IllegalArgumentException("replica counts must be >= 0");
    }
  }

  public boolean changes() {
    return desiredReplicas != currentReplicas;
  }

  @Override
  public String toString() {
    return service + ": " + currentReplicas + " -> " + desiredReplicas + " (" + reason + ")";
  }
}
