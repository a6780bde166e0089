package dev.llmscale.autoscaler;

import dev.llmscale.autoscaler.config.KubernetesTargetSpec;
import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.autoscaler.target.kubernetes.KubernetesScaleTarget;
import dev.llmscale.autoscaler.target.kubernetes.KubernetesTargetOptions;
import dev.llmscale.autoscaler.target.kubernetes.ReadyReplicasSource;

/** Turns a configuration file's {@code kubernetes} block into a connected target. */
final class KubernetesTargets {
  private KubernetesTargets() {}

  static ScaleTarget open(String service, KubernetesTargetSpec spec) throws ScaleTargetException {
    String path = spec.readyReplicasPath().orElse(ReadyReplicasSource.DEFAULT_PATH);
    ReadyReplicasSource ready =
        spec.readyReplicasFrom()
            .map(
                from ->
                    ReadyReplicasSource.fieldOf(from.apiVersion(), from.kind(), from.name(), path))
            .orElseGet(
                () ->
                    spec.readyReplicasPath().isPresent()
                        ? ReadyReplicasSource.field(path)
                        : ReadyReplicasSource.defaults());
    try {
      return KubernetesScaleTarget.connect(
          service,
          new KubernetesTargetOptions(
              spec.apiVersion(),
              spec.kind(),
              spec.name(),
              spec.namespace().orElse(null),
              spec.plural().orElse(null),
              ready,
              spec.kubeconfig().orElse(null),
              spec.context().orElse(null),
              null));
    } catch (IllegalArgumentException e) {
      throw new ScaleTargetException(
          "kubernetes target " + spec.kind() + "/" + spec.name() + ": " + e.getMessage(), e);
    }
  }
}
