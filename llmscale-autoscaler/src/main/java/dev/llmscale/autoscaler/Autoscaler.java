package dev.llmscale.autoscaler;

import dev.llmscale.autoscaler.config.AutoscalerConfig;
import dev.llmscale.autoscaler.config.PlannerSpec;
import dev.llmscale.autoscaler.config.ServiceTarget;
import dev.llmscale.autoscaler.config.ThresholdSpec;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.SloPlannerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code llmscale autoscale}, assembled from its configuration: the metric source, one scale target
 * per service, the policy, the control loop and the {@code /metrics} server. Closing it stops them
 * in reverse order; local replicas stop with it.
 */
public final class Autoscaler implements AutoCloseable {
  private final AutoscalerConfig config;
  private final MetricSource source;
  private final List<ScaleTarget> targets;
  private final ControlLoop loop;
  private final AutoscalerHttpServer http;

  private Autoscaler(
      AutoscalerConfig config,
      MetricSource source,
      List<ScaleTarget> targets,
      ControlLoop loop,
      AutoscalerHttpServer http) {
    this.config = config;
    this.source = source;
    this.targets = targets;
    this.loop = loop;
    this.http = http;
  }

  /**
   * Opens everything {@code config} names and starts ticking.
   *
   * @param decisions where the one-line decision records go (stdout for the CLI)
   * @throws ScaleTargetException if a scale target cannot be opened
   * @throws IOException if the {@code /metrics} address cannot be bound
   */
  public static Autoscaler start(AutoscalerConfig config, PrintStream decisions)
      throws IOException, ScaleTargetException {
    MetricSource source = null;
    List<ScaleTarget> targets = new ArrayList<>();
    ControlLoop loop = null;
    try {
      source = MetricSources.open(config.source());
      for (ServiceTarget target : config.targets()) {
        targets.add(ScaleTargets.open(target, initialReplicas(config, target.service())));
      }
      ScalingPolicy policy = config.policy().createPolicy();
      AutoscalerMetrics metrics =
          new AutoscalerMetrics(policy.kind(), source.name(), config.dryRun());
      loop =
          new ControlLoop(
              policy,
              source,
              config.policy().queries(),
              targets,
              config.dryRun(),
              new JsonLinesDecisionLog(decisions),
              metrics,
              System::nanoTime,
              Clock.systemUTC());
      AutoscalerHttpServer http = null;
      if (config.listen().isPresent()) {
        InetSocketAddress address = config.listen().get();
        http =
            new AutoscalerHttpServer(
                new InetSocketAddress(address.getHostString(), address.getPort()),
                metrics,
                loop::lastTick);
      }
      loop.start();
      return new Autoscaler(config, source, targets, loop, http);
    } catch (IOException | ScaleTargetException | RuntimeException e) {
      closeAll(loop, targets, source);
      throw e;
    }
  }

  /**
   * What a local target starts with: the policy's lowest count for the service, at least one, so
   * the gateway has a replica before the first tick.
   */
  static int initialReplicas(AutoscalerConfig config, String service) {
    return switch (config.policy()) {
      case ThresholdSpec threshold -> Math.max(1, threshold.config().minReplicaCount());
      case PlannerSpec planner ->
          planner.config().pools().stream()
              .filter(p -> p.service().equals(service))
              .mapToInt(SloPlannerConfig.Pool::minReplicas)
              .map(n -> Math.max(1, n))
              .findFirst()
              .orElse(1);
    };
  }

  public AutoscalerConfig config() {
    return config;
  }

  /** Where {@code /metrics} is served, if it is. */
  public Optional<URI> metricsUri() {
    return http == null ? Optional.empty() : Optional.of(http.baseUri().resolve("/metrics"));
  }

  /** The last tick's record, or null before the first. */
  public TickRecord lastTick() {
    return loop.lastTick();
  }

  /** The scale targets, in configuration order. */
  public List<ScaleTarget> targets() {
    return List.copyOf(targets);
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    closeAll(loop, targets, source);
  }

  private static void closeAll(ControlLoop loop, List<ScaleTarget> targets, MetricSource source) {
    if (loop != null) {
      loop.close();
    }
    for (ScaleTarget target : targets) {
      try {
        target.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    if (source != null) {
      try {
        source.close();
      } catch (Exception e) {
        // nothing left to do
      }
    }
  }
}
