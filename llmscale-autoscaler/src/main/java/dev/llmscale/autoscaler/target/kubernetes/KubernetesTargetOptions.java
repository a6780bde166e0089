package dev.llmscale.autoscaler.target.kubernetes;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Which workload a {@link KubernetesScaleTarget} scales and how it reaches the API server.
 *
 * @param apiVersion of the workload: {@code apps/v1}, {@code nvidia.com/v1alpha1}
 * @param kind of the workload: {@code Deployment}, {@code StatefulSet}, {@code
 *     DynamoGraphDeploymentScalingAdapter}
 * @param name of the workload
 * @param namespace of the workload; {@code null} for the client's: the kubeconfig context's
 *     namespace, or in a pod its own
 * @param plural the REST resource name ({@code dynamographdeploymentscalingadapters}); {@code null}
 *     to find it by API discovery, which also checks that the kind has a {@code /scale}
 *     subresource. Set it where discovery is not allowed
 * @param readyReplicas where the ready count is read; {@code null} for {@link
 *     ReadyReplicasSource#defaults()}
 * @param kubeconfig a kubeconfig file; {@code null} for fabric8's auto-configuration (the pod's
 *     service account in a cluster, else {@code $KUBECONFIG} or {@code ~/.kube/config})
 * @param context the kubeconfig context; {@code null} for its current context
 * @param requestTimeout limit for each API request and for connecting; {@code null} for {@link
 *     #DEFAULT_REQUEST_TIMEOUT}
 */
public record KubernetesTargetOptions(
    String apiVersion,
    String kind,
    String name,
    String namespace,
    String plural,
    ReadyReplicasSource readyReplicas,
    Path kubeconfig,
    String context,
    Duration requestTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public KubernetesTargetOptions {
    require("apiVersion", apiVersion);
    require("kind", kind);
    require("name", name);
    if (namespace != null && namespace.isBlank()) {
      throw new IllegalArgumentException("kubernetes target: namespace must not be blank when set");
    }
    if (apiVersion.split("/", -1).length > 2 || apiVersion.startsWith("/")) {
      throw new IllegalArgumentException(
          "apiVersion '" + apiVersion + "' must be group/version or v1");
    }
    if (plural != null && plural.isBlank()) {
      throw new IllegalArgumentException("plural must not be blank when set");
    }
    readyReplicas = readyReplicas == null ? ReadyReplicasSource.defaults() : readyReplicas;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "requestTimeout must be between 1 ms and "
              + Integer.MAX_VALUE
              + " ms: "
              + requestTimeout);
    }
  }

  /** A workload reached through fabric8's auto-configuration, with every other option defaulted. */
  public static KubernetesTargetOptions of(
      String apiVersion, String kind, String name, String namespace) {
    return new KubernetesTargetOptions(
        apiVersion, kind, name, namespace, null, null, null, null, null);
  }

  public KubernetesTargetOptions withPlural(String plural) {
    return new KubernetesTargetOptions(
        apiVersion,
        kind,
        name,
        namespace,
        plural,
        readyReplicas,
        kubeconfig,
        context,
        requestTimeout);
  }

  public KubernetesTargetOptions withReadyReplicas(ReadyReplicasSource readyReplicas) {
    return new KubernetesTargetOptions(
        apiVersion,
        kind,
        name,
        namespace,
        plural,
        readyReplicas,
        kubeconfig,
        context,
        requestTimeout);
  }

  public KubernetesTargetOptions withKubeconfig(Path kubeconfig, String context) {
    return new KubernetesTargetOptions(
        apiVersion,
        kind,
        name,
        namespace,
        plural,
        readyReplicas,
        kubeconfig,
        context,
        requestTimeout);
  }

  public KubernetesTargetOptions withRequestTimeout(Duration requestTimeout) {
    return new KubernetesTargetOptions(
        apiVersion,
        kind,
        name,
        namespace,
        plural,
        readyReplicas,
        kubeconfig,
        context,
        requestTimeout);
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("kubernetes target: " + field + " is required");
    }
  }
}
