package dev.llmscale.autoscaler.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code llmscale autoscale} configuration file (see docs/configuration.md). Read one
 * with {@link AutoscalerConfigLoader#load}.
 *
 * @param file where it was read from
 * @param policy the policy and its settings ({@code policy} with {@code scaledObject} or {@code
 *     planner})
 * @param dryRun decide and log, never scale
 * @param listen where the autoscaler serves its own {@code /metrics} and {@code /health}
 *     (unresolved); empty when {@code listen: off}
 * @param source where metrics are read
 * @param targets one per service the policy scales, in file order
 * @param warnings what the file says that was ignored, one line each ({@code <file>: <field>:
 *     ignored: <why>}); print them at start
 */
public record AutoscalerConfig(
    Path file,
    PolicySpec policy,
    boolean dryRun,
    Optional<InetSocketAddress> listen,
    SourceSpec source,
    List<ServiceTarget> targets,
    List<String> warnings) {

  public static final InetSocketAddress DEFAULT_LISTEN =
      InetSocketAddress.createUnresolved("127.0.0.1", 9464);

  public AutoscalerConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(source, "source");
    targets = List.copyOf(targets);
    warnings = List.copyOf(warnings);
  }

  /** The target of {@code service}. */
  public TargetSpec target(String service) {
    return targets.stream()
        .filter(target -> target.service().equals(service))
        .map(ServiceTarget::target)
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no target for service '" + service + "'"));
  }
}
