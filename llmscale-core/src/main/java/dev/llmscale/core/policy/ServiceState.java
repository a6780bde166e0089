package dev.llmscale.core.policy;

/**
 * The replica counts of one scaled service as its scale target reports them (the Kubernetes {@code
 * /scale} subresource of a Deployment, StatefulSet or custom resource; a process pool; a simulated
 * fleet).
 *
 * @param replicas the desired count last written ({@code spec.replicas}); what the policies treat
 *     as "current", as the HPA and KEDA do
 * @param statusReplicas replicas that exist, ready or starting ({@code status.replicas}); the HPA
 *     divides {@code AverageValue} metrics by this count
 * @param readyReplicas replicas that pass their readiness check and take traffic
 */
public record ServiceState(int replicas, int statusReplicas, int readyReplicas) {

  public ServiceState {
    if (replicas < 0 || statusReplicas < 0 || readyReplicas < 0) {
      throw new IllegalArgumentException("replica counts must be >= 0: " + this);
    }
    if (readyReplicas > statusReplicas) {
      throw new IllegalArgumentException(
          "readyReplicas (" + readyReplicas + ") > statusReplicas (" + statusReplicas + ")");
    }
  }

  /** A service whose {@code replicas} all exist and are ready. */
  public static ServiceState steady(int replicas) {
    return new ServiceState(replicas, replicas, replicas);
  }

  /** Replicas that exist but are not ready yet (starting, loading weights). */
  public int startingReplicas() {
    return statusReplicas - readyReplicas;
  }
}
