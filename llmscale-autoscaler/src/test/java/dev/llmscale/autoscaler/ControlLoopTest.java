package dev.llmscale.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.ThresholdPolicy;
import dev.llmscale.core.policy.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ControlLoopTest {
  private static final String QUERY =
      "histogram_quantile(0.99, sum by (le) (rate(llmscale_frontend_time_to_first_token_seconds_bucket[1m])))";

  /** Readings set by the test, by query. */
  static final class ScriptedSource implements MetricSource {
    final Map<String, MetricReading> readings = new HashMap<>();
    final List<MetricQuery> asked = new ArrayList<>();

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public MetricReading read(MetricQuery query) {
      asked.add(query);
      return readings.getOrDefault(query.expression(), MetricReading.failed("no such series"));
    }
  }

  /** A scale target held in memory; replicas are ready as soon as they are asked for. */
  static final class MemoryTarget implements ScaleTarget {
    int replicas;
    final List<Integer> writes = new ArrayList<>();
    String readFailure;
    String writeFailure;

    MemoryTarget(int replicas) {
      this.replicas = replicas;
    }

    @Override
    public String service() {
      return "llm";
    }

    @Override
    public ServiceState read() throws ScaleTargetException {
      if (readFailure != null) {
        throw new ScaleTargetException(readFailure);
      }
      return ServiceState.steady(replicas);
    }

    @Override
    public void scale(int n) throws ScaleTargetException {
      if (writeFailure != null) {
        throw new ScaleTargetException(writeFailure);
      }
      writes.add(n);
      replicas = n;
    }
  }

  private final ScriptedSource source = new ScriptedSource();
  private final MemoryTarget target = new MemoryTarget(1);
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private AutoscalerMetrics metrics;

  private ControlLoop loop(boolean dryRun) {
    ThresholdPolicy policy =
        new ThresholdPolicy(
            ThresholdConfig.of("llm", Trigger.averageValue("ttft_p99", 0.3))
                .withReplicaCounts(1, 8));
    metrics = new AutoscalerMetrics("threshold", "scripted", dryRun);
    return new ControlLoop(
        policy,
        source,
        List.of(new MetricQuery("ttft_p99", QUERY, true)),
        List.of(target),
        dryRun,
        new JsonLinesDecisionLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8)),
        metrics,
        now::get,
        Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
  }

  private List<JsonNode> logLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(new ObjectMapper().readTree(line));
      }
    }
    return lines;
  }

  @Test
  void writesWhatThePolicyDecidesAndLogsOneLineWithItsInputs() throws Exception {
    source.readings.put(QUERY, MetricReading.of(0.9));

    TickRecord tick = loop(false).tick().orElseThrow();

    // AverageValue: ceil(0.9 / 0.3) = 3 (the legacy HPA path allows up to max(2 x 1, 4)).
    assertThat(target.writes).containsExactly(3);
    assertThat(tick.services().getFirst().outcome()).isEqualTo(TickRecord.Outcome.SCALED);
    JsonNode line = logLines().getFirst();
    assertThat(line.path("ts").asText()).isEqualTo("2026-11-22T12:00:00Z");
    assertThat(line.path("policy").asText()).isEqualTo("threshold");
    assertThat(line.path("service").asText()).isEqualTo("llm");
    assertThat(line.path("replicas").asInt()).isEqualTo(1);
    assertThat(line.path("desired").asInt()).isEqualTo(3);
    assertThat(line.path("outcome").asText()).isEqualTo("scaled");
    assertThat(line.path("metrics").path("ttft_p99").asDouble()).isEqualTo(0.9);
    assertThat(line.path("reason").asText()).isNotBlank();
    String exported = new String(metrics.scrape(), StandardCharsets.UTF_8);
    assertThat(exported)
        .contains("llmscale_autoscaler_desired_replicas{service=\"llm\"} 3.0")
        .contains("llmscale_autoscaler_current_replicas{service=\"llm\"} 1.0")
        .contains(
            "llmscale_autoscaler_scale_operations_total{direction=\"up\",service=\"llm\"} 1.0")
        .contains("llmscale_autoscaler_metric_value{metric=\"ttft_p99\"} 0.9");
  }

  @Test
  void aDryRunDecidesAndLogsButNeverWrites() throws Exception {
    source.readings.put(QUERY, MetricReading.of(0.9));
    ControlLoop loop = loop(true);

    loop.tick();
    now.addAndGet(30_000_000_000L);
    loop.tick();

    assertThat(target.writes).isEmpty();
    assertThat(logLines())
        .hasSize(2)
        .allSatisfy(
            l -> {
              assertThat(l.path("outcome").asText()).isEqualTo("dry_run");
              assertThat(l.path("desired").asInt()).isEqualTo(3);
            });
  }

  @Test
  void aFailedPollReachesThePolicyAsAFailureAndIsCounted() throws Exception {
    ControlLoop loop = loop(false);

    TickRecord tick = loop.tick().orElseThrow();

    assertThat(tick.metrics().get("ttft_p99").isFailure()).isTrue();
    assertThat(target.writes).as("a failure is not a zero: no scale-in to the minimum").isEmpty();
    assertThat(logLines().getFirst().path("metrics").path("ttft_p99").path("error").asText())
        .isEqualTo("no such series");
    assertThat(new String(metrics.scrape(), StandardCharsets.UTF_8))
        .contains(
            "llmscale_autoscaler_metric_errors_total{metric=\"ttft_p99\",source=\"scripted\"} 1.0");
  }

  @Test
  void anUnreadableTargetSkipsTheTick() {
    target.readFailure = "deployments.apps \"vllm\" not found";
    ControlLoop loop = loop(false);

    assertThat(loop.tick()).isEmpty();
    assertThat(source.asked).as("no metric is read for a skipped tick").isEmpty();
    assertThat(new String(metrics.scrape(), StandardCharsets.UTF_8))
        .contains("llmscale_autoscaler_scale_errors_total{service=\"llm\"} 1.0");
  }

  @Test
  void aRefusedWriteIsLoggedAsFailed() throws Exception {
    source.readings.put(QUERY, MetricReading.of(0.9));
    target.writeFailure = "forbidden: cannot patch deployments/scale";

    TickRecord tick = loop(false).tick().orElseThrow();

    assertThat(tick.services().getFirst().outcome()).isEqualTo(TickRecord.Outcome.FAILED);
    JsonNode line = logLines().getFirst();
    assertThat(line.path("outcome").asText()).isEqualTo("failed");
    assertThat(line.path("error").asText()).isEqualTo("forbidden: cannot patch deployments/scale");
  }
}
