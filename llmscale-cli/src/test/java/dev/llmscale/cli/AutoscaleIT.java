package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.autoscaler.Autoscaler;
import dev.llmscale.autoscaler.TickRecord;
import dev.llmscale.autoscaler.config.AutoscalerConfigLoader;
import dev.llmscale.autoscaler.source.PrometheusProcess;
import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.core.workload.ConstantRateArrivals;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.gateway.GatewayOptions;
import dev.llmscale.gateway.GatewayServer;
import dev.llmscale.loadgen.ApiKind;
import dev.llmscale.loadgen.Endpoint;
import dev.llmscale.loadgen.LoadOptions;
import dev.llmscale.loadgen.LoadPlan;
import dev.llmscale.loadgen.LoadRun;
import dev.llmscale.loadgen.ProgressLine;
import dev.llmscale.loadgen.RunSummary;
import dev.llmscale.openai.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with real parts: emulated replicas behind the gateway, a real Prometheus server
 * scraping the gateway, and {@code llmscale autoscale} (assembled from a config file) with a
 * TTFT-p99 trigger on the local target. A load step makes it scale up; after the load ends it
 * scales back down, each within the time its configuration implies.
 */
class AutoscaleIT {
  // The configuration's clocks, in seconds (see CONFIG).
  private static final int POLLING = 1;
  private static final int SYNC = 1;
  private static final int WINDOW = 10;
  private static final int COLD_START = 3;
  private static final int STABILIZATION = 5;
  private static final int SCRAPE = 1;

  private static final String CONFIG =
      """
      policy: threshold
      listen: 127.0.0.1:0
      source:
        prometheus: {serverAddress: %s, timeout: 2s}
      hpaController: {syncPeriod: %d, downscaleStabilization: %d}
      targets:
        - service: llm
          local:
            coldStart: %ds
            drainTimeout: 10s
            upstreamsFile: %s
            emulator: {model: llama-3.1-8b, gpu: a10}
      scaledObject:
        scaleTargetRef: {name: llm}
        pollingInterval: %d
        cooldownPeriod: 5
        minReplicaCount: 1
        maxReplicaCount: 3
        triggers:
          - type: prometheus
            name: ttft_p99
            metricType: Value
            metadata:
              query: histogram_quantile(0.99, sum by (le) (rate(llmscale_frontend_time_to_first_token_seconds_bucket[%ds])))
              threshold: "0.5"
              ignoreNullValues: "true"
      """;

  private GatewayServer gateway;
  private PrometheusProcess prometheus;
  private Autoscaler autoscaler;

  @AfterEach
  void stop() {
    if (autoscaler != null) {
      autoscaler.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aLoadStepScalesUpAndTheEndOfTheLoadScalesBackDown(@TempDir Path dir) throws Exception {
    Path binary = Path.of(ExternalTools.require("prometheus"));
    Path upstreams = dir.resolve("upstreams.txt");
    Files.writeString(upstreams, "");
    gateway =
        GatewayServer.start(
            GatewayOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .router("least-load")
                .upstreamsFile(upstreams, Duration.ofMillis(100))
                .healthInterval(Duration.ofMillis(300))
                .build());
    prometheus =
        PrometheusProcess.start(
            binary, List.of(gateway.baseUri().resolve("/metrics")), Duration.ofSeconds(SCRAPE));
    Path config = dir.resolve("autoscale.yaml");
    Files.writeString(
        config,
        CONFIG.formatted(
            prometheus.baseUri(), SYNC, STABILIZATION, COLD_START, upstreams, POLLING, WINDOW));
    ByteArrayOutputStream decisions = new ByteArrayOutputStream();
    autoscaler =
        Autoscaler.start(
            AutoscalerConfigLoader.load(config),
            new PrintStream(decisions, true, StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> gateway.upstreams().stream().anyMatch(u -> u.routable()));
    assertThat(state().replicas()).isEqualTo(1);

    // One replica of this model serves about 3.4 requests/s; 6/s makes its queue and TTFT grow.
    long loadStart = System.nanoTime();
    Instant loadStartedAt = Instant.now();
    RunSummary load = load(6, Duration.ofSeconds(20));
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    assertThat(load.errorCount()).isZero();
    assertThat(maxDesiredSoFar()).as("scaled up during the step").isGreaterThanOrEqualTo(2);
    // The scale-up came within the time the configuration implies: the TTFT of the first slow
    // requests reaches Prometheus within a scrape, the trigger sees it at its next poll, the HPA
    // acts at its next sync; plus the time the first queued request takes to get its first token.
    double firstScaleUp = firstScaleUpSeconds(decisions, loadStartedAt);
    assertThat(firstScaleUp).isLessThan(SCRAPE + POLLING + SYNC + 10.0);
    assertThat(state().readyReplicas()).as("new replicas became ready").isGreaterThanOrEqualTo(2);

    // After the load: the p99 window empties (NaN, read as 0 with ignoreNullValues), then the
    // scale-down waits out its stabilization window.
    long end = System.nanoTime();
    int bound = WINDOW + STABILIZATION + SYNC + POLLING + 10;
    await()
        .atMost(Duration.ofSeconds(bound))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> state().replicas() == 1);
    double scaleDown = (System.nanoTime() - end) / 1e9;
    assertThat(scaleDown)
        .as("no scale-down before the stabilization window has passed")
        .isGreaterThanOrEqualTo(STABILIZATION - 1.0);
    String log = decisions.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("\"outcome\":\"scaled\"").contains("\"policy\":\"threshold\"");
    assertThat(loadSeconds).isLessThan(60);
  }

  private ServiceState state() throws Exception {
    return autoscaler.targets().getFirst().read();
  }

  private int maxDesiredSoFar() throws Exception {
    return Math.max(state().replicas(), lastDesired());
  }

  private int lastDesired() {
    TickRecord tick = autoscaler.lastTick();
    return tick == null ? 0 : tick.services().getFirst().desired();
  }

  /** Seconds from the load's start to the first decision line that scaled up. */
  private static double firstScaleUpSeconds(ByteArrayOutputStream decisions, Instant loadStart) {
    for (String line : decisions.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.contains("\"outcome\":\"scaled\"") && desired(line) > replicas(line)) {
        return Duration.between(loadStart, Instant.parse(field(line, "ts"))).toMillis() / 1000.0;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static int desired(String line) {
    return Integer.parseInt(field(line, "desired"));
  }

  private static int replicas(String line) {
    return Integer.parseInt(field(line, "replicas"));
  }

  private static String field(String line, String name) {
    try {
      return new ObjectMapper().readTree(line).path(name).asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private RunSummary load(double rate, Duration duration) throws Exception {
    Endpoint endpoint =
        new Endpoint(
            gateway.baseUri(),
            ApiKind.COMPLETIONS,
            true,
            Optional.empty(),
            "meta-llama/Llama-3.1-8B-Instruct",
            true,
            Map.of(),
            new Endpoint.ClientTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(90), Optional.empty()));
    SplittableRandom random = new SplittableRandom(7);
    LoadPlan plan =
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(1000), TokenDistribution.fixed(50), null, random),
            Optional.of(new ConstantRateArrivals(rate)),
            0,
            RunLimit.duration(duration),
            Duration.ofSeconds(60));
    return new LoadRun(
            new LoadOptions(
                endpoint,
                plan,
                SloTargets.NONE,
                Optional.empty(),
                1,
                "cl100k_base",
                7,
                Map.of(),
                false),
            ProgressLine.off())
        .run();
  }
}
