package dev.llmscale.autoscaler.target.kubernetes;

import dev.llmscale.autoscaler.target.ScaleTargetException;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Finds the REST resource (plural) of a kind by API discovery, as {@code kubectl} and the HPA's
 * scale client do, and checks that it has a {@code /scale} subresource.
 */
final class ApiResourceResolver {

  /**
   * Workloads whose plural and {@code /scale} subresource Kubernetes itself fixes: no discovery
   * round trip, and they resolve where discovery is restricted.
   */
  private static final Map<String, String> SCALABLE_BUILT_INS =
      Map.of(
          "apps/v1 Deployment", "deployments",
          "apps/v1 StatefulSet", "statefulsets",
          "apps/v1 ReplicaSet", "replicasets",
          "v1 ReplicationController", "replicationcontrollers");

  private final KubernetesClient client;
  private final Duration requestTimeout;

  ApiResourceResolver(KubernetesClient client, Duration requestTimeout) {
    this.client = client;
    this.requestTimeout = requestTimeout;
  }

  /** Whether the kind is a built-in workload that publishes {@code .status.readyReplicas}. */
  static boolean isBuiltInWorkload(ObjectRef ref) {
    return SCALABLE_BUILT_INS.containsKey(ref.apiVersion() + " " + ref.kind());
  }

  /**
   * The resource of a workload to scale.
   *
   * @param plural the resource name when configured; then discovery and its check are skipped
   * @throws ScaleTargetException if the kind is not served, is cluster-scoped or has no {@code
   *     /scale} subresource
   */
  ResourceDefinitionContext scalable(ObjectRef ref, String plural) throws ScaleTargetException {
    String known =
        plural != null ? plural : SCALABLE_BUILT_INS.get(ref.apiVersion() + " " + ref.kind());
    if (known != null) {
      return context(ref, known);
    }
    List<APIResource> resources = discover(ref);
    APIResource resource = find(ref, resources);
    String scale = resource.getName() + "/scale";
    if (resources.stream().noneMatch(r -> scale.equals(r.getName()))) {
      throw new ScaleTargetException(
          ref
              + ": kind "
              + ref.kind()
              + " ("
              + ref.apiVersion()
              + ") has no /scale subresource, so it cannot be scaled; its CRD must declare"
              + " spec.versions[].subresources.scale");
    }
    return context(ref, resource.getName());
  }

  /**
   * The resource of an object only read (the one holding a ready count).
   *
   * @throws ScaleTargetException if the kind is not served or is cluster-scoped
   */
  ResourceDefinitionContext readable(ObjectRef ref) throws ScaleTargetException {
    String known = SCALABLE_BUILT_INS.get(ref.apiVersion() + " " + ref.kind());
    return context(ref, known != null ? known : find(ref, discover(ref)).getName());
  }

  private List<APIResource> discover(ObjectRef ref) throws ScaleTargetException {
    APIResourceList list;
    try {
      list = client.getApiResources(ref.apiVersion());
    } catch (KubernetesClientException e) {
      String path = ref.group() == null ? "/api/v1" : "/apis/" + ref.apiVersion();
      throw new ApiCall("get", "", path, ref).failed(e, requestTimeout);
    }
    if (list == null || list.getResources() == null) {
      throw new ScaleTargetException(
          ref
              + ": the API server does not serve "
              + ref.apiVersion()
              + " (is the CRD installed, and this version served?)");
    }
    return list.getResources();
  }

  private static APIResource find(ObjectRef ref, List<APIResource> resources)
      throws ScaleTargetException {
    for (APIResource resource : resources) {
      // "deployments/scale" and the like are subresources, not kinds
      if (ref.kind().equals(resource.getKind()) && !resource.getName().contains("/")) {
        if (!Boolean.TRUE.equals(resource.getNamespaced())) {
          throw new ScaleTargetException(
              ref + ": kind " + ref.kind() + " is cluster-scoped; only namespaced kinds are read");
        }
        return resource;
      }
    }
    throw new ScaleTargetException(
        ref
            + ": the API server serves no kind "
            + ref.kind()
            + " in "
            + ref.apiVersion()
            + " (kinds: "
            + resources.stream()
                .filter(r -> !r.getName().contains("/"))
                .map(APIResource::getKind)
                .sorted()
                .toList()
            + ")");
  }

  private static ResourceDefinitionContext context(ObjectRef ref, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(ref.group())
        .withVersion(ref.version())
        .withKind(ref.kind())
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
