package dev.llmscale.autoscaler.target;

import dev.llmscale.core.policy.ServiceState;

/**
 * What the control loop scales: one service whose replica count it reads and writes. Kubernetes
 * workloads through their {@code /scale} subresource (Deployment, StatefulSet, or a custom resource
 * such as Dynamo's DynamoGraphDeploymentScalingAdapter), or local replicas on this machine.
 */
public interface ScaleTarget extends AutoCloseable {

  /** The service's name as the policy knows it ({@code scaleTargetRef.name}). */
  String service();

  /**
   * Reads the current counts: {@code spec.replicas} as the desired count last written, {@code
   * status.replicas} and the ready replicas.
   *
   * @throws ScaleTargetException if the target cannot be read (the tick is skipped and retried)
   */
  ServiceState read() throws ScaleTargetException;

  /**
   * Sets the desired replica count. Returns once the request is accepted; replicas become ready
   * later, as {@link #read} shows.
   *
   * @throws ScaleTargetException if the write was refused or failed
   */
  void scale(int replicas) throws ScaleTargetException;

  @Override
  default void close() {}
}
