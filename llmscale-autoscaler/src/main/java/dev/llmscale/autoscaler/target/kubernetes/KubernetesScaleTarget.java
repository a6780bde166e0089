package dev.llmscale.autoscaler.target.kubernetes;

import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.ServiceState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes workload scaled through its {@code /scale} subresource: a Deployment, StatefulSet,
 * ReplicaSet, or any custom resource whose CRD declares one (Dynamo's
 * DynamoGraphDeploymentScalingAdapter). It reads and writes the way the HPA and KEDA do, so it can
 * replace them on the same workload with the same permissions.
 *
 * <p>{@link #read} makes two GETs: the Scale (desired and existing replicas) and the object holding
 * the ready count (see {@link ReadyReplicasSource}). {@link #scale} GETs the Scale and PUTs it back
 * with the new count; it never writes the workload object itself. The kind's plural comes from API
 * discovery on first use and is kept.
 */
public final class KubernetesScaleTarget implements ScaleTarget {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesScaleTarget.class);

  private final String service;
  private final KubernetesTargetOptions options;
  private final KubernetesClient client;
  private final ApiResourceResolver resolver;
  private final ObjectRef target;
  private ResourceDefinitionContext targetResource; // resolved on first use
  private ResourceDefinitionContext readyResource; // resolved on first use, when not the target
  private boolean readyFallbackLogged;

  /**
   * A target reaching the API server as the options say (kubeconfig and context, or
   * auto-configuration), with their request timeout.
   *
   * @throws IllegalArgumentException if the kubeconfig cannot be read or lacks the context
   */
  public static KubernetesScaleTarget connect(String service, KubernetesTargetOptions options) {
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(ClientConfigs.load(options)).build();
    return new KubernetesScaleTarget(service, options, client);
  }

  /**
   * A target using {@code client}, which it closes on {@link #close}. The client's configuration
   * (API server, credentials, request timeout, default namespace) applies; {@code
   * options.requestTimeout()} only words the messages.
   *
   * @throws IllegalArgumentException if neither the options nor the client name a namespace
   */
  public KubernetesScaleTarget(
      String service, KubernetesTargetOptions options, KubernetesClient client) {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("service name is required");
    }
    this.service = service;
    this.options = options;
    this.client = client;
    String namespace = options.namespace() != null ? options.namespace() : client.getNamespace();
    if (namespace == null) {
      throw new IllegalArgumentException(
          options.kind()
              + "/"
              + options.name()
              + ": no namespace; set one in the target or in the kubeconfig context");
    }
    this.resolver = new ApiResourceResolver(client, options.requestTimeout());
    this.target = new ObjectRef(options.apiVersion(), options.kind(), namespace, options.name());
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public synchronized ServiceState read() throws ScaleTargetException {
    Resource<GenericKubernetesResource> workload = workload();
    Scale scale = getScale(workload);
    int existing = statusReplicas(scale);
    int ready = readyReplicas(existing);
    // The ready count may come from another object, updated by another controller than the one
    // behind status.replicas: for a moment it can run ahead.
    return new ServiceState(specReplicas(scale), existing, Math.min(ready, existing));
  }

  /**
   * Reads the Scale and writes it back with {@code replicas}, as the HPA and KEDA do (a PUT, not a
   * PATCH): the Scale carries the resourceVersion just read, so the API server refuses the write
   * with a conflict if another writer (kubectl scale, a second autoscaler) changed the object in
   * between, instead of overwriting that decision; and a Scale has no field but the replica count
   * to change.
   */
  @Override
  public synchronized void scale(int replicas) throws ScaleTargetException {
    if (replicas < 0) {
      throw new IllegalArgumentException(target + ": replicas must be >= 0: " + replicas);
    }
    Resource<GenericKubernetesResource> workload = workload();
    Scale current = getScale(workload);
    Scale desired =
        new ScaleBuilder()
            .withApiVersion("autoscaling/v1")
            .withKind("Scale")
            .withNewMetadata()
            .withName(target.name())
            .withNamespace(target.namespace())
            .withResourceVersion(current.getMetadata().getResourceVersion())
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .build();
    try {
      workload.scale(desired);
    } catch (KubernetesClientException e) {
      throw scaleCall("update").failed(e, options.requestTimeout());
    }
    LOG.info("{}: {} scaled {} -> {}", service, target, specReplicas(current), replicas);
  }

  @Override
  public void close() {
    client.close();
  }

  private Resource<GenericKubernetesResource> workload() throws ScaleTargetException {
    if (targetResource == null) {
      targetResource = resolver.scalable(target, options.plural());
    }
    return client
        .genericKubernetesResources(targetResource)
        .inNamespace(target.namespace())
        .withName(target.name());
  }

  /**
   * GET of the {@code /scale} subresource. An API server answers with an {@code autoscaling/v1}
   * Scale; the fabric8 mock server the tests use answers with the whole object. For kinds whose
   * scale paths are {@code .spec.replicas} and {@code .status.replicas} (Deployment, StatefulSet,
   * DynamoGraphDeploymentScalingAdapter) both carry the counts and {@code metadata.resourceVersion}
   * at the same places, so the one parse serves both.
   */
  private Scale getScale(Resource<GenericKubernetesResource> workload) throws ScaleTargetException {
    try {
      return workload.scale();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw missingOrNotScalable(workload, e);
      }
      throw scaleCall("get").failed(e, options.requestTimeout());
    }
  }

  // A 404 on /scale means either no such object or a kind without the subresource (possible when
  // the plural is configured and discovery skipped): one more GET tells which.
  private ScaleTargetException missingOrNotScalable(
      Resource<GenericKubernetesResource> workload, KubernetesClientException notFound) {
    try {
      if (workload.get() != null) {
        return new ScaleTargetException(
            target + " exists but has no /scale subresource, so it cannot be scaled", notFound);
      }
    } catch (KubernetesClientException e) {
      // cannot tell (no 'get' on the object itself): report the 404 as it came
    }
    return scaleCall("get").failed(notFound, options.requestTimeout());
  }

  private int readyReplicas(int existing) throws ScaleTargetException {
    ReadyReplicasSource source = options.readyReplicas();
    ObjectRef holder =
        source.onScaledObject()
            ? target
            : new ObjectRef(source.apiVersion(), source.kind(), target.namespace(), source.name());
    if (!source.onScaledObject() && readyResource == null) {
      readyResource = resolver.readable(holder);
    }
    ResourceDefinitionContext resource = source.onScaledObject() ? targetResource : readyResource;
    FieldPath path = source.fieldPath();
    Object value = path.read(getObject(resource, holder));
    if (value == null) {
      if (source.isDefault() && !ApiResourceResolver.isBuiltInWorkload(target)) {
        if (!readyFallbackLogged) {
          readyFallbackLogged = true;
          LOG.info(
              "{}: {} publishes no {}; its existing replicas count as ready (set readyReplicas"
                  + " to read the count elsewhere)",
              service,
              target,
              path);
        }
        return existing;
      }
      return 0; // Kubernetes omits zero counts
    }
    if (!(value instanceof Number number)
        || number.doubleValue() < 0
        || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new ScaleTargetException(holder + ": " + path + " is not a replica count: " + value);
    }
    return (int) Math.min(number.longValue(), Integer.MAX_VALUE);
  }

  private GenericKubernetesResource getObject(ResourceDefinitionContext resource, ObjectRef ref)
      throws ScaleTargetException {
    GenericKubernetesResource object;
    try {
      object =
          client
              .genericKubernetesResources(resource)
              .inNamespace(ref.namespace())
              .withName(ref.name())
              .get();
    } catch (KubernetesClientException e) {
      throw new ApiCall("get", groupOf(resource), resource.getPlural(), ref)
          .failed(e, options.requestTimeout());
    }
    if (object == null) {
      throw new ScaleTargetException(ref + " not found (read for the ready replica count)");
    }
    return object;
  }

  private ApiCall scaleCall(String verb) {
    return new ApiCall(
        verb, groupOf(targetResource), targetResource.getPlural() + "/scale", target);
  }

  private static String groupOf(ResourceDefinitionContext resource) {
    return resource.getGroup() == null ? "" : resource.getGroup();
  }

  private static int specReplicas(Scale scale) {
    // Scale.spec.replicas is omitted when 0
    return scale.getSpec() == null || scale.getSpec().getReplicas() == null
        ? 0
        : scale.getSpec().getReplicas();
  }

  private static int statusReplicas(Scale scale) {
    return scale.getStatus() == null || scale.getStatus().getReplicas() == null
        ? 0
        : scale.getStatus().getReplicas();
  }
}
