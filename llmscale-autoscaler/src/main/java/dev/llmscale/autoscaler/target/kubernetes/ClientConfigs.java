package dev.llmscale.autoscaler.target.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The fabric8 client configuration for a target: where the API server is and how to call it. */
final class ClientConfigs {

  private ClientConfigs() {}

  /**
   * Reads the kubeconfig file and context the options name, or auto-configures (service account in
   * a pod, {@code $KUBECONFIG}, {@code ~/.kube/config}), then applies {@link #withTimeouts}.
   *
   * @throws IllegalArgumentException if the kubeconfig cannot be read or lacks the context
   */
  static Config load(KubernetesTargetOptions options) {
    Path kubeconfig = options.kubeconfig();
    Config config;
    String source;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException("kubeconfig " + kubeconfig + " cannot be read");
      }
      config = Config.fromKubeconfig(options.context(), kubeconfig.toFile());
      source = "kubeconfig " + kubeconfig;
    } else {
      config = Config.autoConfigure(options.context());
      source = "the auto-configured kubeconfig";
    }
    requireContext(config, options.context(), source);
    return withTimeouts(config, options.requestTimeout());
  }

  /**
   * Bounds every request and connection by {@code requestTimeout} and turns off fabric8's own
   * retries: its default (10, backing off from 100 ms) could hold one control-loop tick for
   * minutes. A failed call fails the tick, and the next tick is the retry, as with the HPA.
   */
  static Config withTimeouts(Config config, Duration requestTimeout) {
    int millis = Math.toIntExact(requestTimeout.toMillis());
    config.setRequestTimeout(millis);
    config.setConnectionTimeout(millis);
    config.setRequestRetryBackoffLimit(0);
    return config;
  }

  // fabric8 quietly falls back to the current context when the one asked for is missing.
  private static void requireContext(Config config, String context, String source) {
    if (context == null) {
      return;
    }
    NamedContext current = config.getCurrentContext();
    if (current == null || !context.equals(current.getName())) {
      List<String> known =
          config.getContexts() == null
              ? List.of()
              : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
      throw new IllegalArgumentException(
          "context '" + context + "' is not in " + source + " (contexts: " + known + ")");
    }
  }
}
