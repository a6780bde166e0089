package dev.llmscale.autoscaler.target.kubernetes;

/**
 * Where a target's ready replica count is read: a numeric field of the scaled object itself, or of
 * another object in its namespace. A {@code /scale} subresource carries only the desired and the
 * existing count, so readiness always comes from a second read.
 *
 * <p>Deployments, StatefulSets and ReplicaSets publish {@code .status.readyReplicas} (omitted when
 * 0). Custom resources vary: Dynamo's DynamoGraphDeploymentScalingAdapter publishes no ready count
 * at all; its DynamoGraphDeployment does, per component ({@code
 * .status.components.<component>.readyReplicas} in {@code nvidia.com/v1beta1}, {@code
 * .status.services.<service>.readyReplicas} in {@code v1alpha1}).
 *
 * @param apiVersion of the object holding the count; {@code null} (with kind and name) for the
 *     scaled object
 * @param kind of that object
 * @param name of that object, in the target's namespace
 * @param path dotted path to the count ({@code .status.readyReplicas}); {@code null} for the
 *     default described at {@link #defaults()}
 */
public record ReadyReplicasSource(String apiVersion, String kind, String name, String path) {

  public static final String DEFAULT_PATH = ".status.readyReplicas";

  public ReadyReplicasSource {
    boolean anyRef = apiVersion != null || kind != null || name != null;
    boolean fullRef = isSet(apiVersion) && isSet(kind) && isSet(name);
    if (anyRef && !fullRef) {
      throw new IllegalArgumentException(
          "readyReplicas: apiVersion, kind and name go together (got "
              + apiVersion
              + ", "
              + kind
              + ", "
              + name
              + ")");
    }
    if (anyRef && path == null) {
      throw new IllegalArgumentException(
          "readyReplicas: a path is needed when reading " + kind + "/" + name);
    }
    if (path != null) {
      FieldPath.parse(path);
    }
  }

  /**
   * {@code .status.readyReplicas} of the scaled object. For a custom resource that does not publish
   * that field the existing replicas ({@code status.replicas} of its Scale) count as ready: an
   * optimistic reading, logged once; name the field that holds the count to get the real one.
   */
  public static ReadyReplicasSource defaults() {
    return new ReadyReplicasSource(null, null, null, null);
  }

  /** A field of the scaled object; absent means 0 (Kubernetes omits zero counts). */
  public static ReadyReplicasSource field(String path) {
    return new ReadyReplicasSource(null, null, null, path);
  }

  /** A field of another object in the target's namespace; absent means 0. */
  public static ReadyReplicasSource fieldOf(
      String apiVersion, String kind, String name, String path) {
    return new ReadyReplicasSource(apiVersion, kind, name, path);
  }

  boolean isDefault() {
    return path == null;
  }

  boolean onScaledObject() {
    return apiVersion == null;
  }

  FieldPath fieldPath() {
    return FieldPath.parse(path == null ? DEFAULT_PATH : path);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
