package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.Trigger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole KEDA manifests, inline or in a file of their own: what does not apply is listed, what would
 * change KEDA's behaviour is refused.
 */
class ScaledObjectManifestTest {
  private static final String HEAD =
      "policy: threshold\nsource: {prometheus: {serverAddress: \"http://127.0.0.1:9090\"}}\n";

  /** A ScaledObject as {@code kubectl get -o yaml} prints it, with fields that do not apply. */
  private static final String EXPORTED =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: qwen3-decode
        namespace: inference
        uid: 0b4e1c1e-8d5f-4b1e-9a52-3c1f0f0c9a11
        resourceVersion: "48213"
        labels: {app: qwen3}
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: "{}"
      spec:
        scaleTargetRef: {name: qwen3-vllm, envSourceContainerName: vllm}
        pollingInterval: 30
        cooldownPeriod: 120
        minReplicaCount: 2
        maxReplicaCount: 4
        advanced:
          restoreToOriginalReplicaCount: true
          horizontalPodAutoscalerConfig: {name: keda-hpa-qwen3}
        triggers:
          - type: prometheus
            metricType: Value
            authenticationRef: {name: prometheus-auth}
            metadata:
              serverAddress: http://prometheus.monitoring:9090
              metricName: ttft_p99
              authModes: bearer
              query: histogram_quantile(0.99, sum by (le) (rate(ttft_bucket[1m])))
              threshold: "0.3"
      status:
        scaleTargetKind: apps/v1.Deployment
      """;

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  @Test
  void anExportedManifestMapsAndListsWhatItIgnores() {
    String yaml =
        HEAD
            + "targets: [{service: qwen3-vllm, kubernetes: {}}]\nscaledObject:\n"
            + EXPORTED.indent(2);

    AutoscalerConfig config = fixture.load(yaml);

    assertThat(((ThresholdSpec) config.policy()).config())
        .isEqualTo(
            ThresholdConfig.of("qwen3-vllm", Trigger.value("s0-prometheus", 0.3))
                .withCooldownPeriod(120)
                .withReplicaCounts(2, 4));
    assertThat(((KubernetesTargetSpec) config.target("qwen3-vllm")).namespace())
        .contains("inference");
    String file = directory.resolve(ConfigFixture.FILE) + ": scaledObject.";
    assertThat(config.warnings())
        .containsExactly(
            file + "metadata: ignored: uid, resourceVersion, labels, annotations (object metadata)",
            file + "status: ignored: written by KEDA",
            file
                + "spec.scaleTargetRef.envSourceContainerName: ignored: no trigger reads the"
                + " container environment here",
            file
                + "spec.triggers[0].authenticationRef: ignored: no TriggerAuthentication is read"
                + " here; give credentials in source.prometheus (bearerToken, bearerTokenFile,"
                + " username with password or passwordFile)",
            file
                + "spec.triggers[0].metadata.authModes: ignored: authentication is configured in"
                + " source.prometheus, not per trigger",
            file
                + "spec.triggers[0].metadata.metricName: ignored: deprecated in KEDA; the trigger's"
                + " name names its metric",
            file
                + "spec.advanced.restoreToOriginalReplicaCount: ignored: applies when a"
                + " ScaledObject is deleted; the autoscaler leaves the count as it is when it"
                + " stops",
            file
                + "spec.advanced.horizontalPodAutoscalerConfig.name: ignored: names the HPA KEDA"
                + " creates; none is created here",
            file
                + "spec.triggers[0].metadata.serverAddress: ignored: source.prometheus is read"
                + " instead");
  }

  @Test
  void aManifestFileIsPickedFromAMultiDocumentFile() {
    fixture.write(
        "deploy/qwen3.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: qwen3-vllm}
        ---
        """
            + EXPORTED);
    String yaml =
        "policy: threshold\n"
            + "scaledObjectFile: deploy/qwen3.yaml\n"
            + "targets: [{service: qwen3-vllm, kubernetes: {}}]\n";

    AutoscalerConfig config = fixture.load(yaml);

    assertThat(config.policy().services()).containsExactly("qwen3-vllm");
    assertThat(config.source())
        .isEqualTo(
            PrometheusSourceSpec.of(java.net.URI.create("http://prometheus.monitoring:9090")));
    assertThat(config.target("qwen3-vllm"))
        .isEqualTo(
            new KubernetesTargetSpec(
                "apps/v1",
                "Deployment",
                "qwen3-vllm",
                Optional.of("inference"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(config.warnings())
        .first()
        .asString()
        .startsWith(directory.resolve("deploy/qwen3.yaml") + ": metadata: ignored: uid");
  }

  static Stream<Arguments> fileErrors() {
    return Stream.of(
        arguments(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
            "${dir}/so.yaml: expected one document of kind ScaledObject, found kinds"
                + " [Deployment]"),
        arguments(
            EXPORTED + "---\n" + EXPORTED,
            "${dir}/so.yaml: expected one document of kind ScaledObject, found kinds"
                + " [ScaledObject, ScaledObject]"),
        arguments(
            EXPORTED.replace("threshold: \"0.3\"", "treshold: \"0.3\""),
            "${dir}/so.yaml: spec.triggers[0].metadata.treshold: unknown field; did you mean"
                + " 'threshold'?"),
        arguments(
            "kind: ScaledObject\nspec: [\n",
            "${dir}/so.yaml: line 3, column 1: invalid YAML: expected the node content, but"
                + " found '<stream end>' (while parsing a flow node)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("fileErrors")
  void errorsInTheManifestFileNameThatFile(String manifest, String message) {
    fixture.write("so.yaml", manifest);
    String yaml =
        "policy: threshold\nscaledObjectFile: so.yaml\n"
            + "targets: [{service: qwen3-vllm, kubernetes: {}}]\n";

    assertThat(fixture.errorAnywhere(yaml)).isEqualTo(message);
  }

  static Stream<Arguments> manifestErrors() {
    return Stream.of(
        arguments(
            EXPORTED.replace("kind: ScaledObject", "kind: ScaledJob"),
            "scaledObject.kind: expected ScaledObject, found 'ScaledJob'; only ScaledObjects"
                + " scale services"),
        arguments(
            EXPORTED.replace("keda.sh/v1alpha1", "keda.k8s.io/v1alpha1"),
            "scaledObject.apiVersion: expected keda.sh/v1alpha1, found 'keda.k8s.io/v1alpha1'"),
        arguments(
            EXPORTED.replace(
                "kubectl.kubernetes.io/last-applied-configuration: \"{}\"",
                "autoscaling.keda.sh/paused: \"true\""),
            "scaledObject.metadata.annotations.autoscaling.keda.sh/paused: pausing is not"
                + " supported; remove the annotation (dryRun: true decides and logs without"
                + " scaling)"),
        arguments(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\n",
            "scaledObject.spec: missing (required)"),
        arguments(
            EXPORTED.replace("status:", "spek: {}\nstatus:"),
            "scaledObject.spek: unknown field; did you mean 'spec'?"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("manifestErrors")
  void refusesWhatWouldChangeKedasBehaviour(String manifest, String message) {
    String yaml =
        HEAD
            + "targets: [{service: qwen3-vllm, kubernetes: {}}]\nscaledObject:\n"
            + manifest.indent(2);

    assertThat(fixture.error(yaml)).isEqualTo(message);
  }
}
