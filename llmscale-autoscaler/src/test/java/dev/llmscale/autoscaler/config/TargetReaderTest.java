package dev.llmscale.autoscaler.config;

import static dev.llmscale.autoscaler.config.ConfigFixture.MINIMAL_SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code targets} entries to target specs, with the defaults a ScaledObject gives them. */
class TargetReaderTest {
  private static final String HEAD =
      "policy: threshold\nsource: {prometheus: {serverAddress: \"http://127.0.0.1:9090\"}}\n";

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  static Stream<Arguments> kubernetesTargets() {
    return Stream.of(
        arguments(
            "KEDA's defaults: a Deployment named as the service",
            "scaledObject:\n" + MINIMAL_SPEC.indent(2),
            "{}",
            KubernetesTargetSpec.deployment("llm")),
        arguments(
            "scaleTargetRef's kind and apiVersion, the manifest's namespace",
            """
            scaledObject:
              apiVersion: keda.sh/v1alpha1
              kind: ScaledObject
              metadata: {name: llm, namespace: inference}
              spec:
                scaleTargetRef: {name: llm, apiVersion: apps/v1, kind: StatefulSet}
                triggers: [{type: prometheus, metadata: {query: q, threshold: "1"}}]
            """,
            "{name: vllm}",
            new KubernetesTargetSpec(
                "apps/v1",
                "StatefulSet",
                "vllm",
                Optional.of("inference"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())),
        arguments(
            "a custom resource whose ready count lives on another object",
            "scaledObject:\n" + MINIMAL_SPEC.indent(2),
            """
            apiVersion: nvidia.com/v1alpha1
            kind: DynamoGraphDeploymentScalingAdapter
            name: qwen-decode
            namespace: dynamo
            context: aks-prod
            plural: dynamographdeploymentscalingadapters
            readyReplicasFrom: {apiVersion: nvidia.com/v1alpha1, kind: DynamoGraphDeployment, name: qwen}
            readyReplicasPath: .status.services.decode.readyReplicas
            """,
            new KubernetesTargetSpec(
                "nvidia.com/v1alpha1",
                "DynamoGraphDeploymentScalingAdapter",
                "qwen-decode",
                Optional.of("dynamo"),
                Optional.empty(),
                Optional.of("aks-prod"),
                Optional.of(".status.services.decode.readyReplicas"),
                Optional.of(
                    new KubernetesTargetSpec.ObjectReference(
                        "nvidia.com/v1alpha1", "DynamoGraphDeployment", "qwen")),
                Optional.of("dynamographdeploymentscalingadapters"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubernetesTargets")
  void readsKubernetesTargets(
      String name, String scaledObject, String kubernetes, KubernetesTargetSpec expected) {
    String yaml =
        HEAD
            + scaledObject
            + "targets:\n  - service: llm\n    kubernetes:\n"
            + kubernetes.indent(6);

    AutoscalerConfig config = fixture.load(yaml);

    assertThat(config.target("llm")).isEqualTo(expected);
  }

  @Test
  void theTargetsOwnNamespaceWinsOverTheManifestsWithAWarning() {
    String yaml =
        HEAD
            + """
            scaledObject:
              apiVersion: keda.sh/v1alpha1
              kind: ScaledObject
              metadata: {name: llm, namespace: staging}
              spec:
                scaleTargetRef: {name: llm}
                triggers: [{type: prometheus, metadata: {query: q, threshold: "1"}}]
            targets: [{service: llm, kubernetes: {namespace: prod}}]
            """;

    AutoscalerConfig config = fixture.load(yaml);

    assertThat(((KubernetesTargetSpec) config.target("llm")).namespace()).contains("prod");
    assertThat(config.warnings())
        .containsExactly(
            directory.resolve(ConfigFixture.FILE)
                + ": scaledObject.metadata.namespace: ignored: targets[0].kubernetes.namespace is"
                + " used");
  }

  @Test
  void aLocalTargetResolvesItsEmulatorAndItsFile() {
    String yaml =
        HEAD
            + "scaledObject:\n"
            + MINIMAL_SPEC.indent(2)
            + """
            targets:
              - service: llm
                local:
                  coldStart: 90s
                  drainTimeout: 10s
                  upstreamsFile: run/upstreams.txt
                  emulator:
                    model: Llama-3.1-8B
                    gpu: H100-80GB
                    performanceModel: polynomial
                    host: 127.0.0.2
                    args: {max-num-seqs: 64, --speed-up: 2, no-enable-prefix-caching: true}
            """;

    LocalTargetSpec local = (LocalTargetSpec) fixture.load(yaml).target("llm");

    assertThat(local.coldStart()).isEqualTo(Duration.ofSeconds(90));
    assertThat(local.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(local.upstreamsFile()).isEqualTo(directory.resolve("run/upstreams.txt"));
    EmulatorOptions emulator = local.emulator();
    Catalog catalog = Catalog.builtIn();
    assertThat(emulator.model()).isEqualTo(catalog.model("llama-3.1-8b"));
    assertThat(emulator.gpu()).isEqualTo(catalog.gpu("h100"));
    assertThat(emulator.performanceModel().describe()).startsWith("polynomial");
    assertThat(emulator.host()).isEqualTo("127.0.0.2");
    assertThat(emulator.port()).isZero();
    assertThat(emulator.startupDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(emulator.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(emulator.speedUp()).isEqualTo(2.0);
    assertThat(emulator.engineConfig())
        .isEqualTo(
            EmulatorOptions.defaultEngineConfig(
                    catalog.model("llama-3.1-8b"), catalog.gpu("h100"), 0.9)
                .withMaxNumSeqs(64)
                .withPrefixCaching(false));
  }

  @Test
  void aLocalTargetDefaultsToTheSmallModelOnAnH100() {
    String yaml =
        HEAD
            + "scaledObject:\n"
            + MINIMAL_SPEC.indent(2)
            + "targets: [{service: llm, local: {upstreamsFile: /tmp/upstreams.txt}}]\n";

    LocalTargetSpec local = (LocalTargetSpec) fixture.load(yaml).target("llm");

    Catalog catalog = Catalog.builtIn();
    assertThat(local.coldStart()).isEqualTo(LocalTargetSpec.DEFAULT_COLD_START);
    assertThat(local.upstreamsFile()).isEqualTo(Path.of("/tmp/upstreams.txt"));
    assertThat(local.emulator().model()).isEqualTo(catalog.model("qwen3-0.6b"));
    assertThat(local.emulator().host()).isEqualTo("127.0.0.1");
    assertThat(local.emulator().servedModelName()).isEqualTo("Qwen/Qwen3-0.6B");
    assertThat(local.emulator().engineConfig())
        .isEqualTo(
            EmulatorOptions.defaultEngineConfig(
                catalog.model("qwen3-0.6b"), catalog.gpu("h100"), 0.9));
  }
}
