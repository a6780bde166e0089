package dev.llmscale.cli.demo;

import dev.llmscale.autoscaler.AutoscalerHttpServer;
import dev.llmscale.autoscaler.AutoscalerMetrics;
import dev.llmscale.autoscaler.ControlLoop;
import dev.llmscale.autoscaler.DecisionLog;
import dev.llmscale.autoscaler.TickRecord;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.autoscaler.target.local.EmulatorReplicaLauncher;
import dev.llmscale.autoscaler.target.local.LocalScaleTarget;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.core.policy.PlannerSignal;
import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.gateway.GatewayOptions;
import dev.llmscale.gateway.GatewayServer;
import dev.llmscale.gateway.UpstreamList;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything one policy's demo run needs, on loopback in this process: emulated replicas behind a
 * local scale target with a cold start, the gateway routing to them, a metric source reading the
 * gateway (a real Prometheus server, or a direct scrape), and the autoscaler's control loop with
 * its own {@code /metrics}. Closing it stops everything in reverse order.
 */
final class DemoStack implements AutoCloseable {
  private final GatewayServer gateway;
  private final LocalScaleTarget target;
  private final MetricSource source;
  private final ControlLoop loop;
  private final AutoscalerHttpServer autoscalerHttp;
  private final String policy;

  private DemoStack(
      GatewayServer gateway,
      LocalScaleTarget target,
      MetricSource source,
      ControlLoop loop,
      AutoscalerHttpServer autoscalerHttp,
      String policy) {
    this.gateway = gateway;
    this.target = target;
    this.source = source;
    this.loop = loop;
    this.autoscalerHttp = autoscalerHttp;
    this.policy = policy;
  }

  /**
   * Starts the stack for {@code policy}; the control loop starts ticking at once.
   *
   * @param sources opens the metric source once the gateway's address is known
   * @param warmUp runs against the gateway once the initial replicas are ready and before any
   *     metric is collected, so what the policy sees starts after it
   */
  static DemoStack start(
      String policy,
      DemoSettings settings,
      DemoMetricSources sources,
      DecisionLog log,
      WarmUp warmUp)
      throws Exception {
    Catalog catalog = Catalog.builtIn();
    ModelSpec model = catalog.model(settings.model());
    GpuSpec gpu = catalog.gpu(settings.gpu());
    PerformanceModel performance = PerformanceModels.create("roofline", model, gpu, null);
    EmulatorOptions emulator =
        EmulatorOptions.builder(model, gpu, performance)
            .servedModelName(model.name())
            .drainTimeout(Duration.ofSeconds(30))
            .ioThreads(1)
            .tokenizerThreads(1)
            .build();
    UpstreamList upstreams = new UpstreamList("demo", List.of());
    GatewayServer gateway = null;
    LocalScaleTarget target = null;
    MetricSource source = null;
    ControlLoop loop = null;
    try {
      gateway =
          GatewayServer.start(
              GatewayOptions.builder()
                  .host("127.0.0.1")
                  .port(0)
                  .router("least-load")
                  .upstreamSource(upstreams)
                  .healthInterval(Duration.ofMillis(500))
                  .ioThreads(1)
                  .build());
      target =
          new LocalScaleTarget(
              DemoPolicies.SERVICE,
              settings.minReplicas(),
              new EmulatorReplicaLauncher(emulator, "127.0.0.1", settings.coldStart()),
              upstreams::replace,
              Duration.ofMillis(500));
      awaitReady(gateway, target, settings.minReplicas(), settings.coldStart().plusSeconds(30));
      warmUp.run(gateway.baseUri());
      source = sources.open(gateway.baseUri().resolve("/metrics"));
      DemoPolicies.Setup setup =
          DemoPolicies.create(policy, settings, performance, emulator.engineConfig());
      AutoscalerMetrics metrics = new AutoscalerMetrics(policy, source.name(), false);
      loop =
          new ControlLoop(
              setup.policy(),
              source,
              setup.queries(),
              List.of(target),
              false,
              log,
              metrics,
              System::nanoTime,
              Clock.systemUTC());
      AutoscalerHttpServer http =
          new AutoscalerHttpServer(new InetSocketAddress("127.0.0.1", 0), metrics, loop::lastTick);
      loop.start();
      return new DemoStack(gateway, target, source, loop, http, policy);
    } catch (Exception e) {
      closeQuietly(loop, source, gateway, target);
      throw e;
    }
  }

  /** Requests sent through the gateway before the measured run. */
  @FunctionalInterface
  interface WarmUp {
    void run(URI gateway) throws Exception;
  }

  String policy() {
    return policy;
  }

  URI gatewayUri() {
    return gateway.baseUri();
  }

  URI autoscalerMetricsUri() {
    return autoscalerHttp.baseUri().resolve("/metrics");
  }

  /** Waits until {@code replicas} replicas are ready and routable. */
  private static void awaitReady(
      GatewayServer gateway, LocalScaleTarget target, int replicas, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (target.read().readyReplicas() >= replicas
            && gateway.upstreams().stream().filter(u -> u.routable()).count() >= replicas) {
          return;
        }
      } catch (ScaleTargetException e) {
        // retried below
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the initial " + replicas + " replicas were not ready within " + timeout);
  }

  /** The fleet now, as the demo's chart shows it. */
  ReplicaSample sample(double seconds) {
    ServiceState state;
    try {
      state = target.read();
    } catch (ScaleTargetException e) {
      state = new ServiceState(0, 0, 0);
    }
    TickRecord tick = loop.lastTick();
    int desired = tick == null ? state.replicas() : tick.services().getFirst().desired();
    double observed = Double.NaN;
    if (tick != null) {
      var reading =
          tick.metrics()
              .getOrDefault(
                  DemoPolicies.TTFT_TRIGGER, tick.metrics().get(PlannerSignal.TTFT_TAIL.metric()));
      if (reading != null && !reading.isFailure()) {
        observed = reading.value();
      }
    }
    return new ReplicaSample(
        seconds, desired, state.statusReplicas(), state.readyReplicas(), observed);
  }

  /** The request rate the autoscaler last read, NaN if none. */
  double observedRate() {
    TickRecord tick = loop.lastTick();
    if (tick == null) {
      return Double.NaN;
    }
    var reading = tick.metrics().get(PlannerSignal.REQUEST_RATE.metric());
    return reading == null || reading.isFailure() ? Double.NaN : reading.value();
  }

  /**
   * Stops the autoscaler first, then the gateway, then the replicas (which would be reported
   * unhealthy if the gateway still watched them).
   */
  @Override
  public void close() {
    autoscalerHttp.close();
    closeQuietly(loop, source, gateway, target);
  }

  private static void closeQuietly(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        // shutting down: nothing useful to do with a second failure
      }
    }
  }
}
