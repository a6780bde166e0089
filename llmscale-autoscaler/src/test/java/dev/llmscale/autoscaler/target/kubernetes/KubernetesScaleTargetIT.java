package dev.llmscale.autoscaler.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.ServiceState;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The target against the fabric8 mock API server in CRUD mode. The mock answers a GET of {@code
 * /scale} with the whole object and would take a PUT there for a replacement of the whole object,
 * so writes are checked by the exact requests sent (what a real API server would receive), with the
 * PUT answered as an API server answers it; reads run against both the mock's answer and a proper
 * Scale. The mock's discovery lists no subresources, so the tests serve the discovery documents an
 * API server derives from each CRD.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesScaleTargetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "llm";

  private static final CustomResourceDefinition DGDSA_CRD =
      crd("nvidia.com", "v1alpha1", "DynamoGraphDeploymentScalingAdapter", true);
  private static final CustomResourceDefinition DGD_CRD =
      crd("nvidia.com", "v1beta1", "DynamoGraphDeployment", false);
  private static final CustomResourceDefinition WIDGET_CRD =
      crd("example.com", "v1", "Widget", false);

  KubernetesMockServer server;
  KubernetesClient client;

  /** The scalable workloads of the fixture, and where their Scale lives. */
  enum Workload {
    DEPLOYMENT(
        "apps/v1", "Deployment", "decode", "/apis/apps/v1/namespaces/llm/deployments/decode"),
    STATEFUL_SET(
        "apps/v1", "StatefulSet", "prefill", "/apis/apps/v1/namespaces/llm/statefulsets/prefill"),
    DYNAMO_ADAPTER(
        "nvidia.com/v1alpha1",
        "DynamoGraphDeploymentScalingAdapter",
        "llm-decode",
        "/apis/nvidia.com/v1alpha1/namespaces/llm/dynamographdeploymentscalingadapters/llm-decode");

    final String apiVersion;
    final String kind;
    final String name;
    final String path;

    Workload(String apiVersion, String kind, String name, String path) {
      this.apiVersion = apiVersion;
      this.kind = kind;
      this.name = name;
      this.path = path;
    }

    KubernetesTargetOptions options() {
      return KubernetesTargetOptions.of(apiVersion, kind, name, NS);
    }

    /** Requests before the Scale's GET: discovery, for custom resources only. */
    List<String> discovery() {
      return apiVersion.startsWith("apps/") ? List.of() : List.of("GET /apis/" + apiVersion);
    }
  }

  @BeforeEach
  void createWorkloads() {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("decode")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .endSpec()
                .withNewStatus()
                .withReplicas(3)
                .withReadyReplicas(2)
                .endStatus()
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("cold")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .withNewStatus() // readyReplicas omitted, as Kubernetes does for 0
                .withReplicas(2)
                .endStatus()
                .build())
        .create();
    client
        .apps()
        .statefulSets()
        .inNamespace(NS)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("prefill")
                .endMetadata()
                .withNewSpec()
                .withReplicas(4)
                .endSpec()
                .withNewStatus()
                .withReplicas(2)
                .withReadyReplicas(1)
                .endStatus()
                .build())
        .create();
    for (CustomResourceDefinition crd : List.of(DGDSA_CRD, DGD_CRD, WIDGET_CRD)) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      serveDiscovery(crd);
    }
    createWithStatus(
        DGDSA_CRD,
        "llm-decode",
        Map.of("replicas", 2, "dgdRef", Map.of("name", "llm", "serviceName", "decode")),
        Map.of("replicas", 2, "selector", "nvidia.com/dynamo-component=decode"));
    createWithStatus(
        DGD_CRD,
        "llm",
        Map.of("components", List.of()),
        Map.of(
            "state",
            "pending",
            "components",
            Map.of("decode", Map.of("readyReplicas", 1), "prefill", Map.of("replicas", 1))));
    createWithStatus(WIDGET_CRD, "gadget", Map.of("replicas", 1), Map.of("replicas", 1));
  }

  static Stream<Arguments> reads() {
    ReadyReplicasSource dgdDecode =
        ReadyReplicasSource.fieldOf(
            "nvidia.com/v1beta1",
            "DynamoGraphDeployment",
            "llm",
            ".status.components.decode.readyReplicas");
    ReadyReplicasSource dgdPrefill =
        ReadyReplicasSource.fieldOf(
            "nvidia.com/v1beta1",
            "DynamoGraphDeployment",
            "llm",
            ".status.components.prefill.readyReplicas");
    return Stream.of(
        Arguments.of("Deployment", Workload.DEPLOYMENT.options(), new ServiceState(3, 3, 2)),
        Arguments.of(
            "Deployment, readyReplicas omitted",
            KubernetesTargetOptions.of("apps/v1", "Deployment", "cold", NS),
            new ServiceState(2, 2, 0)),
        Arguments.of("StatefulSet", Workload.STATEFUL_SET.options(), new ServiceState(4, 2, 1)),
        Arguments.of(
            "adapter without a ready count: existing count as ready",
            Workload.DYNAMO_ADAPTER.options(),
            new ServiceState(2, 2, 2)),
        Arguments.of(
            "adapter, ready count from its DynamoGraphDeployment",
            Workload.DYNAMO_ADAPTER.options().withReadyReplicas(dgdDecode),
            new ServiceState(2, 2, 1)),
        Arguments.of(
            "adapter, DynamoGraphDeployment omits the count",
            Workload.DYNAMO_ADAPTER.options().withReadyReplicas(dgdPrefill),
            new ServiceState(2, 2, 0)),
        Arguments.of(
            "adapter, plural configured: no discovery",
            Workload.DYNAMO_ADAPTER.options().withPlural("dynamographdeploymentscalingadapters"),
            new ServiceState(2, 2, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void readsDesiredExistingAndReadyReplicas(
      String name, KubernetesTargetOptions options, ServiceState expected) throws Exception {
    try (KubernetesScaleTarget target = target(options)) {
      assertThat(target.read()).isEqualTo(expected);
    }
  }

  @Test
  void readsTheCountsFromAProperScaleAndReadinessFromTheObject() throws Exception {
    server
        .expect()
        .get()
        .withPath(Workload.DEPLOYMENT.path + "/scale")
        .andReturn(200, scale("decode", "99", 6, 5))
        .once();
    try (KubernetesScaleTarget target = target(Workload.DEPLOYMENT.options())) {
      assertThat(target.read()).isEqualTo(new ServiceState(6, 5, 2));
    }
  }

  @Test
  void readRequestsTheScaleSubresourceThenTheObject() throws Exception {
    int mark = server.getRequestCount();
    try (KubernetesScaleTarget target = target(Workload.DEPLOYMENT.options())) {
      target.read();
    }
    assertThat(requestsAfter(mark))
        .extracting(r -> r.getMethod() + " " + r.getPath())
        .containsExactly(
            "GET " + Workload.DEPLOYMENT.path + "/scale", "GET " + Workload.DEPLOYMENT.path);
  }

  @ParameterizedTest
  @EnumSource(Workload.class)
  void scalesByPuttingAScaleWithTheResourceVersionJustRead(Workload workload) throws Exception {
    String resourceVersion = resourceVersionOf(workload);
    acceptScalePut(workload, 7);
    int mark = server.getRequestCount();
    try (KubernetesScaleTarget target = target(workload.options())) {
      target.scale(7);
    }

    List<RecordedRequest> requests = requestsAfter(mark);
    List<String> expected = new ArrayList<>(workload.discovery());
    expected.add("GET " + workload.path + "/scale");
    expected.add("PUT " + workload.path + "/scale");
    assertThat(requests).extracting(r -> r.getMethod() + " " + r.getPath()).isEqualTo(expected);
    RecordedRequest put = requests.get(requests.size() - 1);
    assertThat(put.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(put.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                """
                {"apiVersion": "autoscaling/v1", "kind": "Scale",
                 "metadata": {"name": "%s", "namespace": "llm", "resourceVersion": "%s"},
                 "spec": {"replicas": 7}}
                """
                    .formatted(workload.name, resourceVersion)));
  }

  @Test
  void scalesToZero() throws Exception {
    acceptScalePut(Workload.DEPLOYMENT, 0);
    int mark = server.getRequestCount();
    try (KubernetesScaleTarget target = target(Workload.DEPLOYMENT.options())) {
      target.scale(0);
    }
    JsonNode body = JSON.readTree(requestsAfter(mark).get(1).getBody().readUtf8());
    assertThat(body.path("spec").path("replicas").asInt(-1)).isZero();
  }

  @Test
  void conflictWhenAnotherWriterScaledInBetweenKeepsTheirCount() throws Exception {
    String readAt = resourceVersionOf(Workload.DEPLOYMENT);
    // The Scale the target reads predates another writer's scale to 4; the mock then refuses the
    // PUT's stale resourceVersion with 409, as an API server does.
    server
        .expect()
        .get()
        .withPath(Workload.DEPLOYMENT.path + "/scale")
        .andReturn(200, scale("decode", readAt, 3, 3))
        .once();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("decode")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());
    try (KubernetesScaleTarget target = target(Workload.DEPLOYMENT.options())) {
      assertThatThrownBy(() -> target.scale(5))
          .isInstanceOf(ScaleTargetException.class)
          .hasMessageContaining("update deployments/scale of Deployment/llm/decode: conflict");
    }
    assertThat(client.apps().deployments().inNamespace(NS).withName("decode").get())
        .extracting(d -> d.getSpec().getReplicas())
        .isEqualTo(4);
  }

  @Test
  void forbiddenNamesTheMissingPermission() throws Exception {
    server
        .expect()
        .put()
        .withPath(Workload.DYNAMO_ADAPTER.path + "/scale")
        .andReturn(403, status(403, "Forbidden", "cannot update resource"))
        .once();
    try (KubernetesScaleTarget target = target(Workload.DYNAMO_ADAPTER.options())) {
      assertThatThrownBy(() -> target.scale(3))
          .isInstanceOf(ScaleTargetException.class)
          .hasMessageContaining(
              "DynamoGraphDeploymentScalingAdapter/llm/llm-decode: forbidden; the autoscaler's"
                  + " service account needs verb 'update' on resource"
                  + " 'dynamographdeploymentscalingadapters/scale' in apiGroup 'nvidia.com' in"
                  + " namespace llm");
    }
  }

  @Test
  void missingObjectIsNamed() throws Exception {
    try (KubernetesScaleTarget target =
        target(KubernetesTargetOptions.of("apps/v1", "Deployment", "absent", NS))) {
      assertThatThrownBy(target::read)
          .isInstanceOf(ScaleTargetException.class)
          .hasMessageStartingWith("Deployment/llm/absent not found");
      assertThatThrownBy(() -> target.scale(2))
          .isInstanceOf(ScaleTargetException.class)
          .hasMessageStartingWith("Deployment/llm/absent not found");
    }
  }

  @Test
  void missingReadyCountHolderIsNamed() throws Exception {
    KubernetesTargetOptions options =
        Workload.DYNAMO_ADAPTER
            .options()
            .withReadyReplicas(
                ReadyReplicasSource.fieldOf(
                    "nvidia.com/v1beta1",
                    "DynamoGraphDeployment",
                    "gone",
                    ".status.components.decode.readyReplicas"));
    try (KubernetesScaleTarget target = target(options)) {
      assertThatThrownBy(target::read)
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage(
              "DynamoGraphDeployment/llm/gone not found (read for the ready replica count)");
    }
  }

  @Test
  void kindWithoutScaleSubresourceIsRefused() throws Exception {
    int mark = server.getRequestCount();
    try (KubernetesScaleTarget target =
        target(KubernetesTargetOptions.of("example.com/v1", "Widget", "gadget", NS))) {
      assertThatThrownBy(() -> target.scale(2))
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage(
              "Widget/llm/gadget: kind Widget (example.com/v1) has no /scale subresource, so it"
                  + " cannot be scaled; its CRD must declare spec.versions[].subresources.scale");
    }
    assertThat(requestsAfter(mark))
        .extracting(r -> r.getMethod() + " " + r.getPath())
        .containsExactly("GET /apis/example.com/v1");
  }

  @Test
  void kindNotServedIsRefused() throws Exception {
    try (KubernetesScaleTarget target =
        target(KubernetesTargetOptions.of("example.com/v1", "Gizmo", "gadget", NS))) {
      assertThatThrownBy(target::read)
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage(
              "Gizmo/llm/gadget: the API server serves no kind Gizmo in example.com/v1 (kinds:"
                  + " [Widget])");
    }
  }

  @Test
  void namespaceDefaultsToTheClients() throws Exception {
    KubernetesTargetOptions options =
        KubernetesTargetOptions.of("apps/v1", "Deployment", "decode", null);
    try (KubernetesScaleTarget target = target(options, NS)) {
      assertThat(target.read()).isEqualTo(new ServiceState(3, 3, 2));
    }
    assertThatThrownBy(() -> target(options, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Deployment/decode: no namespace; set one in the target or in the kubeconfig context");
  }

  @Test
  void forbiddenDiscoverySaysHowToDoWithout() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/locked.example/v1")
        .andReturn(403, status(403, "Forbidden", "cannot get path"))
        .once();
    try (KubernetesScaleTarget target =
        target(KubernetesTargetOptions.of("locked.example/v1", "Pool", "decode", NS))) {
      assertThatThrownBy(target::read)
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage(
              "get /apis/locked.example/v1 of Pool/llm/decode: forbidden; the autoscaler's"
                  + " credentials need 'get' on the non-resource URL /apis/locked.example/v1 (the"
                  + " system:discovery role grants it), or set plural to skip discovery: cannot"
                  + " get path");
    }
  }

  @Test
  void slowApiServerTimesOut() throws Exception {
    server
        .expect()
        .get()
        .delay(3_000)
        .withPath(Workload.DEPLOYMENT.path + "/scale")
        .andReturn(200, scale("decode", "2", 3, 3))
        .once();
    KubernetesTargetOptions options =
        Workload.DEPLOYMENT.options().withRequestTimeout(Duration.ofMillis(200));
    try (KubernetesScaleTarget target = target(options)) {
      long start = System.nanoTime();
      assertThatThrownBy(target::read)
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage(
              "get deployments/scale of Deployment/llm/decode: no answer within the request"
                  + " timeout of 200 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  /** An RBAC permission: a verb on a resource (or subresource) of an API group. */
  record Permission(String verb, String group, String resource) {
    private static final Pattern OBJECT_PATH =
        Pattern.compile("/apis?/(?:(.+)/)?[^/]+/namespaces/[^/]+/([^/]+)/[^/]+(/[^/]+)?");

    static Permission of(RecordedRequest request) {
      Matcher path = OBJECT_PATH.matcher(request.getPath());
      assertThat(path.matches()).as(request.getPath()).isTrue();
      String verb =
          switch (request.getMethod()) {
            case "GET" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            default -> request.getMethod();
          };
      String group = path.group(1) == null ? "" : path.group(1);
      return new Permission(
          verb, group, path.group(2) + (path.group(3) == null ? "" : path.group(3)));
    }

    boolean grantedBy(JsonNode rule) {
      return contains(rule.path("verbs"), verb)
          && contains(rule.path("apiGroups"), group)
          && contains(rule.path("resources"), resource);
    }

    private static boolean contains(JsonNode list, String value) {
      for (JsonNode item : list) {
        if (item.asText().equals(value)) {
          return true;
        }
      }
      return false;
    }
  }

  @Test
  void theExampleRoleGrantsEveryRequestTheTargetMakes() throws Exception {
    List<KubernetesTargetOptions> targets =
        List.of(
            Workload.DEPLOYMENT.options(),
            Workload.STATEFUL_SET.options(),
            Workload.DYNAMO_ADAPTER
                .options()
                .withReadyReplicas(
                    ReadyReplicasSource.fieldOf(
                        "nvidia.com/v1beta1",
                        "DynamoGraphDeployment",
                        "llm",
                        ".status.components.decode.readyReplicas")));
    for (Workload workload : Workload.values()) {
      acceptScalePut(workload, 1);
    }
    int mark = server.getRequestCount();
    for (KubernetesTargetOptions options : targets) {
      try (KubernetesScaleTarget target = target(options)) {
        target.read();
        target.scale(1);
      }
    }

    List<JsonNode> rules = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        new YAMLMapper()
            .readerFor(JsonNode.class)
            .readValues(Path.of("../deploy/kubernetes/rbac.yaml").toFile())) {
      for (JsonNode document : documents.readAll()) {
        if (document.path("kind").asText().equals("Role")) {
          document.path("rules").forEach(rules::add);
        }
      }
    }
    List<Permission> needed =
        requestsAfter(mark).stream()
            .filter(r -> r.getPath().contains("/namespaces/")) // discovery needs no Role
            .map(Permission::of)
            .distinct()
            .toList();
    assertThat(needed)
        .contains(
            new Permission("update", "apps", "deployments/scale"),
            new Permission("get", "nvidia.com", "dynamographdeployments"))
        .hasSize(9) // get and update on 3 kinds' scale, get on 2 workloads and the DGD
        .allSatisfy(p -> assertThat(rules).as("rule granting " + p).anyMatch(p::grantedBy));
  }

  private KubernetesScaleTarget target(KubernetesTargetOptions options) {
    return target(options, client.getNamespace());
  }

  /** A target whose client has {@code defaultNamespace}, as a kubeconfig context would give. */
  private KubernetesScaleTarget target(KubernetesTargetOptions options, String defaultNamespace) {
    var config =
        ClientConfigs.withTimeouts(
            new ConfigBuilder(client.getConfiguration()).withNamespace(defaultNamespace).build(),
            options.requestTimeout());
    return new KubernetesScaleTarget(
        "decode", options, new KubernetesClientBuilder().withConfig(config).build());
  }

  /**
   * Answers the PUT of the workload's Scale as an API server does (with the updated Scale). Left to
   * the CRUD mock, the PUT would replace the whole object, and its body, which the tests inspect,
   * would be consumed.
   */
  private void acceptScalePut(Workload workload, int replicas) {
    server
        .expect()
        .put()
        .withPath(workload.path + "/scale")
        .andReturn(200, scale(workload.name, "1000", replicas, 3))
        .once();
  }

  private String resourceVersionOf(Workload workload) {
    return client
        .genericKubernetesResources(workload.apiVersion, workload.kind)
        .inNamespace(NS)
        .withName(workload.name)
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  private List<RecordedRequest> requestsAfter(int mark) throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = 0, n = server.getRequestCount(); i < n; i++) {
      all.add(server.takeRequest(1, TimeUnit.SECONDS));
    }
    return all.subList(mark, all.size());
  }

  private void createWithStatus(
      CustomResourceDefinition crd, String name, Map<String, ?> spec, Map<String, ?> status) {
    ResourceDefinitionContext context = CustomResourceDefinitionContext.fromCrd(crd);
    GenericKubernetesResource created =
        client
            .genericKubernetesResources(context)
            .inNamespace(NS)
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion(crd.getSpec().getGroup() + "/" + version(crd).getName())
                    .withKind(crd.getSpec().getNames().getKind())
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .addToAdditionalProperties("spec", spec)
                    .build())
            .create();
    created.setAdditionalProperty("status", status); // the status subresource drops it on create
    client.genericKubernetesResources(context).inNamespace(NS).resource(created).updateStatus();
  }

  /** Serves the discovery document an API server derives from the CRD, subresources included. */
  private void serveDiscovery(CustomResourceDefinition crd) {
    String plural = crd.getSpec().getNames().getPlural();
    String kind = crd.getSpec().getNames().getKind();
    CustomResourceDefinitionVersion version = version(crd);
    List<APIResource> resources = new ArrayList<>();
    resources.add(
        new APIResourceBuilder()
            .withName(plural)
            .withKind(kind)
            .withNamespaced(true)
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
            .build());
    if (version.getSubresources().getStatus() != null) {
      resources.add(
          new APIResourceBuilder()
              .withName(plural + "/status")
              .withKind(kind)
              .withNamespaced(true)
              .withVerbs("get", "patch", "update")
              .build());
    }
    if (version.getSubresources().getScale() != null) {
      resources.add(
          new APIResourceBuilder()
              .withName(plural + "/scale")
              .withGroup("autoscaling")
              .withVersion("v1")
              .withKind("Scale")
              .withNamespaced(true)
              .withVerbs("get", "patch", "update")
              .build());
    }
    String groupVersion = crd.getSpec().getGroup() + "/" + version.getName();
    server
        .expect()
        .get()
        .withPath("/apis/" + groupVersion)
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion(groupVersion)
                .withResources(resources)
                .build())
        .always();
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().get(0);
  }

  private static CustomResourceDefinition crd(
      String group, String version, String kind, boolean scaleSubresource) {
    String plural = kind.toLowerCase() + "s";
    var subresources =
        new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourcesBuilder()
            .withStatus(new CustomResourceSubresourceStatus());
    if (scaleSubresource) {
      subresources
          .withNewScale()
          .withSpecReplicasPath(".spec.replicas")
          .withStatusReplicasPath(".status.replicas")
          .withLabelSelectorPath(".status.selector")
          .endScale();
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withPlural(plural)
        .withSingular(kind.toLowerCase())
        .endNames()
        .addNewVersion()
        .withName(version)
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .withSubresources(subresources.build())
        .endVersion()
        .endSpec()
        .build();
  }

  private static Object scale(String name, String resourceVersion, int spec, int status) {
    return new ScaleBuilder()
        .withApiVersion("autoscaling/v1")
        .withKind("Scale")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .withNewSpec()
        .withReplicas(spec)
        .endSpec()
        .withNewStatus()
        .withReplicas(status)
        .endStatus()
        .build();
  }

  private static Object status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
