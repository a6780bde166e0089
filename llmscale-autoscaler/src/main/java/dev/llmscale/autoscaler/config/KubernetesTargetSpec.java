package dev.llmscale.autoscaler.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code kubernetes} target: a workload scaled through its {@code /scale} subresource
 * (Deployment, StatefulSet, or a custom resource that has one, such as Dynamo's
 * DynamoGraphDeploymentScalingAdapter). The first three fields are a ScaledObject's {@code
 * scaleTargetRef}, with KEDA's defaults.
 *
 * @param apiVersion of the workload (default {@code apps/v1})
 * @param kind of the workload (default {@code Deployment})
 * @param name of the workload (default: the entry's service)
 * @param namespace of the workload; empty for the kubeconfig context's namespace (in a pod: its
 *     own)
 * @param kubeconfig a kubeconfig file; empty for the usual discovery ({@code $KUBECONFIG}, {@code
 *     ~/.kube/config}, the pod's service account)
 * @param context the kubeconfig context; empty for its current one
 * @param readyReplicasPath the dotted path of the ready count ({@code .status.readyReplicas});
 *     empty for the target's default
 * @param readyReplicasFrom the object holding the ready count when it is not the workload itself
 *     (Dynamo publishes it on the DynamoGraphDeployment, not on the adapter)
 * @param plural the resource's REST name; empty to find it by API discovery
 */
public record KubernetesTargetSpec(
    String apiVersion,
    String kind,
    String name,
    Optional<String> namespace,
    Optional<Path> kubeconfig,
    Optional<String> context,
    Optional<String> readyReplicasPath,
    Optional<ObjectReference> readyReplicasFrom,
    Optional<String> plural)
    implements TargetSpec {

  public static final String DEFAULT_API_VERSION = "apps/v1";
  public static final String DEFAULT_KIND = "Deployment";

  private static final Pattern API_VERSION =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?v[0-9]+((alpha|beta)[0-9]+)?");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern FIELD_PATH = Pattern.compile("(\\.[^.\\[\\]\\s]+)+");

  /** The object a ready count is read from: another object in the workload's namespace. */
  public record ObjectReference(String apiVersion, String kind, String name) {
    public ObjectReference {
      checkApiVersion(apiVersion);
      checkKind(kind);
      checkName(name);
    }
  }

  public KubernetesTargetSpec {
    checkApiVersion(apiVersion);
    checkKind(kind);
    checkName(name);
    namespace.ifPresent(
        value -> {
          if (value.length() > 63 || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(
                "namespace '"
                    + value
                    + "' must be a DNS label: lower-case letters, digits and '-', at most 63");
          }
        });
    readyReplicasPath.ifPresent(
        path -> {
          if (!FIELD_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(
                "readyReplicasPath '"
                    + path
                    + "' must be a dotted field path such as .status.readyReplicas");
          }
        });
    if (readyReplicasFrom.isPresent() && readyReplicasPath.isEmpty()) {
      throw new IllegalArgumentException(
          "readyReplicasFrom needs readyReplicasPath: the field of "
              + readyReplicasFrom.get().kind()
              + " '"
              + readyReplicasFrom.get().name()
              + "' that holds the ready count");
    }
  }

  /** A Deployment named {@code name}, everything else defaulted. */
  public static KubernetesTargetSpec deployment(String name) {
    return new KubernetesTargetSpec(
        DEFAULT_API_VERSION,
        DEFAULT_KIND,
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static void checkApiVersion(String apiVersion) {
    if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
      throw new IllegalArgumentException(
          "apiVersion '" + apiVersion + "' must be group/version (apps/v1) or a core version (v1)");
    }
  }

  private static void checkKind(String kind) {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException(
          "kind '" + kind + "' must be a Kubernetes kind such as Deployment or StatefulSet");
    }
  }

  private static void checkName(String name) {
    if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name '"
              + name
              + "' must be a Kubernetes object name: lower-case letters, digits, '-' and '.'");
    }
  }
}
