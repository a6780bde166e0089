package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.core.policy.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example loads, without warnings, into what its comments promise. */
class ExampleConfigsTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "autoscaler");

  static Stream<Arguments> examples() {
    return Stream.of(
        arguments(
            "threshold-prometheus-local.yaml",
            (Consumer<AutoscalerConfig>)
                config -> {
                  ThresholdSpec policy = (ThresholdSpec) config.policy();
                  assertThat(policy.config().triggers())
                      .containsExactly(Trigger.value("ttft_p99", 0.3));
                  assertThat(policy.config().behavior()).isPresent();
                  assertThat(policy.config().fallback()).isPresent();
                  assertThat(config.source()).isInstanceOf(PrometheusSourceSpec.class);
                  assertThat(config.target("qwen3")).isInstanceOf(LocalTargetSpec.class);
                  assertThat(config.dryRun()).isFalse();
                }),
        arguments(
            "threshold-keda-manifest-kubernetes.yaml",
            (Consumer<AutoscalerConfig>)
                config -> {
                  ThresholdSpec policy = (ThresholdSpec) config.policy();
                  assertThat(policy.config().service()).isEqualTo("qwen3-vllm");
                  assertThat(policy.config().minReplicaCount()).isEqualTo(2);
                  assertThat(policy.config().behavior()).isEmpty();
                  assertThat(((PrometheusSourceSpec) config.source()).serverAddress())
                      .hasToString("http://prometheus-operated.monitoring.svc:9090");
                  KubernetesTargetSpec target = (KubernetesTargetSpec) config.target("qwen3-vllm");
                  assertThat(target.kind()).isEqualTo("Deployment");
                  assertThat(target.namespace()).contains("inference");
                  assertThat(config.dryRun()).isTrue();
                }),
        arguments(
            "slo-planner-scrape-local.yaml",
            (Consumer<AutoscalerConfig>)
                config -> {
                  PlannerSpec policy = (PlannerSpec) config.policy();
                  assertThat(policy.config().pools())
                      .containsExactly(
                          SloPlannerConfig.Pool.of("qwen3", PoolRole.AGGREGATED, 1, 8));
                  assertThat(policy.queries()).hasSize(6);
                  assertThat(config.source()).isInstanceOf(ScrapeSourceSpec.class);
                  assertThat(config.target("qwen3")).isInstanceOf(LocalTargetSpec.class);
                }),
        arguments(
            "slo-planner-disaggregated-kubernetes.yaml",
            (Consumer<AutoscalerConfig>)
                config -> {
                  PlannerSpec policy = (PlannerSpec) config.policy();
                  assertThat(policy.config().disaggregated()).isTrue();
                  assertThat(policy.config().gpuBudget()).isEqualTo(10);
                  assertThat(policy.queries().get(0).expression())
                      .isEqualTo("sum(rate(dynamo_frontend_input_sequence_tokens_count[2m]))");
                  assertThat(config.targets())
                      .extracting(ServiceTarget::target)
                      .allSatisfy(
                          target ->
                              assertThat(((KubernetesTargetSpec) target).kind())
                                  .isEqualTo("DynamoGraphDeploymentScalingAdapter"));
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void loads(String file, Consumer<AutoscalerConfig> expectations) {
    AutoscalerConfig config = AutoscalerConfigLoader.load(EXAMPLES.resolve(file));

    assertThat(config.warnings()).isEmpty();
    expectations.accept(config);
    assertThat(config.policy().createPolicy().services()).isEqualTo(config.policy().services());
  }

  @Test
  void everyExampleIsChecked() throws IOException {
    List<String> checked = examples().map(arguments -> (String) arguments.get()[0]).toList();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .filteredOn(name -> name.endsWith(".yaml"))
          .containsExactlyInAnyOrderElementsOf(checked);
    }
  }
}
