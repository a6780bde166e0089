package dev.llmscale.autoscaler;

import dev.llmscale.autoscaler.config.KubernetesTargetSpec;
import dev.llmscale.autoscaler.config.LocalTargetSpec;
import dev.llmscale.autoscaler.config.ServiceTarget;
import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.autoscaler.target.local.EmulatorReplicaLauncher;
import dev.llmscale.autoscaler.target.local.LocalScaleTarget;
import dev.llmscale.autoscaler.target.local.UpstreamsFileRegistry;
import java.time.Duration;

/** Opens the scale target a configuration entry describes. */
final class ScaleTargets {
  /** Time between leaving the upstreams file and draining: the gateway polls the file. */
  static final Duration FILE_DRAIN_DELAY = Duration.ofSeconds(2);

  private ScaleTargets() {}

  static ScaleTarget open(ServiceTarget entry, int initialReplicas) throws ScaleTargetException {
    return switch (entry.target()) {
      case LocalTargetSpec local ->
          new LocalScaleTarget(
              entry.service(),
              initialReplicas,
              new EmulatorReplicaLauncher(
                  local.emulator(), local.emulator().host(), local.coldStart()),
              new UpstreamsFileRegistry(local.upstreamsFile()),
              FILE_DRAIN_DELAY);
      case KubernetesTargetSpec kubernetes -> KubernetesTargets.open(entry.service(), kubernetes);
    };
  }
}
