package dev.llmscale.autoscaler.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigsTest {
  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      current-context: staging
      clusters:
        - name: staging
          cluster: {server: "https://staging.example:6443"}
        - name: gpu
          cluster: {server: "https://gpu.example:6443"}
      users:
        - name: autoscaler
          user: {token: not-a-real-token}
      contexts:
        - name: staging
          context: {cluster: staging, user: autoscaler}
        - name: gpu-fleet
          context: {cluster: gpu, user: autoscaler, namespace: llm}
      """;

  @TempDir Path dir;

  @Test
  void readsTheNamedContextOfTheKubeconfigAndItsTimeouts() throws IOException {
    Config config =
        ClientConfigs.load(
            options()
                .withKubeconfig(kubeconfig(), "gpu-fleet")
                .withRequestTimeout(Duration.ofMillis(2500)));

    assertThat(config.getMasterUrl()).isEqualTo("https://gpu.example:6443/");
    assertThat(config.getCurrentContext().getName()).isEqualTo("gpu-fleet");
    assertThat(config.getRequestTimeout()).isEqualTo(2500);
    assertThat(config.getConnectionTimeout()).isEqualTo(2500);
    assertThat(config.getRequestRetryBackoffLimit()).isZero();
  }

  @Test
  void usesTheCurrentContextWhenNoneIsNamed() throws IOException {
    Config config = ClientConfigs.load(options().withKubeconfig(kubeconfig(), null));
    assertThat(config.getMasterUrl()).isEqualTo("https://staging.example:6443/");
  }

  @Test
  void refusesAContextTheKubeconfigLacks() throws IOException {
    Path kubeconfig = kubeconfig();
    assertThatThrownBy(() -> ClientConfigs.load(options().withKubeconfig(kubeconfig, "prod")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context 'prod' is not in kubeconfig "
                + kubeconfig
                + " (contexts: [gpu-fleet, staging])");
  }

  @Test
  void refusesAMissingKubeconfig() {
    Path missing = dir.resolve("absent");
    assertThatThrownBy(() -> ClientConfigs.load(options().withKubeconfig(missing, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubeconfig " + missing + " cannot be read");
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
  }

  private static KubernetesTargetOptions options() {
    return KubernetesTargetOptions.of("apps/v1", "Deployment", "decode", "llm");
  }
}
