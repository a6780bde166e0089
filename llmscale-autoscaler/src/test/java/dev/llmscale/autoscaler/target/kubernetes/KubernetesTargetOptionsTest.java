package dev.llmscale.autoscaler.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesTargetOptionsTest {

  static Stream<Arguments> invalid() {
    return Stream.of(
        invalid(
            () -> KubernetesTargetOptions.of(null, "Deployment", "decode", "llm"),
            "kubernetes target: apiVersion is required"),
        invalid(
            () -> KubernetesTargetOptions.of("apps/v1", " ", "decode", "llm"),
            "kubernetes target: kind is required"),
        invalid(
            () -> KubernetesTargetOptions.of("apps/v1", "Deployment", "", "llm"),
            "kubernetes target: name is required"),
        invalid(
            () -> KubernetesTargetOptions.of("apps/v1", "Deployment", "decode", " "),
            "kubernetes target: namespace must not be blank when set"),
        invalid(
            () -> KubernetesTargetOptions.of("apps/v1/beta", "Deployment", "decode", "llm"),
            "apiVersion 'apps/v1/beta' must be group/version or v1"),
        invalid(() -> options().withPlural(" "), "plural must not be blank when set"),
        invalid(
            () -> options().withRequestTimeout(Duration.ZERO),
            "requestTimeout must be between 1 ms and 2147483647 ms: PT0S"),
        invalid(
            () -> ReadyReplicasSource.fieldOf("nvidia.com/v1beta1", null, "llm", ".status.x"),
            "readyReplicas: apiVersion, kind and name go together (got nvidia.com/v1beta1, null,"
                + " llm)"),
        invalid(
            () ->
                ReadyReplicasSource.fieldOf(
                    "nvidia.com/v1beta1", "DynamoGraphDeployment", "llm", null),
            "readyReplicas: a path is needed when reading DynamoGraphDeployment/llm"),
        invalid(
            () -> ReadyReplicasSource.field("status.components[0]"),
            "field path 'status.components[0]' must be dotted field names"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWithAMessageNamingTheField(Supplier<?> build, String message) {
    assertThatThrownBy(build::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void defaultsReadyReplicasAndTimeout() {
    KubernetesTargetOptions options = options();
    assertThat(options.readyReplicas()).isEqualTo(ReadyReplicasSource.defaults());
    assertThat(options.readyReplicas().fieldPath()).hasToString(".status.readyReplicas");
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.plural()).isNull();
    assertThat(options.kubeconfig()).isNull();
  }

  private static KubernetesTargetOptions options() {
    return KubernetesTargetOptions.of("apps/v1", "Deployment", "decode", "llm");
  }

  private static Arguments invalid(Supplier<?> build, String message) {
    return Arguments.of(build, message);
  }
}
