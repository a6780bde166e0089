package dev.llmscale.sim.fleet;

/**
 * How a replica starts and stops.
 *
 * @param imagePull time to pull the serving image onto a node that does not have it yet
 * @param modelLoad time from container start to ready: weights loaded, engine initialised, CUDA
 *     graphs captured, readiness probe passed
 * @param drainTimeoutNanos grace period of a replica scaled down: it takes no new requests and
 *     finishes those it has, and what remains after this long is cut (Kubernetes'
 *     terminationGracePeriodSeconds)
 */
public record LifecycleConfig(Delay imagePull, Delay modelLoad, long drainTimeoutNanos) {

  public LifecycleConfig {
    if (imagePull == null || modelLoad == null) {
      throw new IllegalArgumentException(
          "lifecycle.imagePull and lifecycle.modelLoad are required");
    }
    if (drainTimeoutNanos < 0) {
      throw new IllegalArgumentException("lifecycle.drainTimeout must be >= 0");
    }
  }
}
