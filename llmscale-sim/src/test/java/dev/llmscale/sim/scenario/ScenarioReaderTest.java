package dev.llmscale.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmscale.sim.control.MetricQuery;
import dev.llmscale.sim.control.PlannerSetup;
import dev.llmscale.sim.control.ThresholdSetup;
import dev.llmscale.sim.fleet.PerSequenceOverhead;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReaderTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final long S = 1_000_000_000L;

  private static final String MINIMAL =
      """
      model: qwen3-0.6b
      gpu: h100
      duration: 10m
      workload:
        rate: 5
        input: 1000
        output: 200
      """;

  private static Scenario parse(String yaml) {
    return ScenarioReader.parse(yaml, "test.yaml", Path.of("."));
  }

  @Test
  void readsTheAksExampleWithEveryReferenceParameter() {
    Scenario scenario = ScenarioReader.read(EXAMPLES.resolve("aks-ttft-burst.yaml"));

    assertThat(scenario.name()).isEqualTo("aks-ttft-burst");
    assertThat(scenario.policyLabels()).containsExactly("threshold", "slo-planner");
    assertThat(scenario.setup().durationNanos()).isEqualTo(2400 * S);
    assertThat(scenario.setup().fleet().initialReplicas()).isEqualTo(2);
    assertThat(scenario.setup().fleet().nodePool().maxNodes()).isEqualTo(4);
    assertThat(scenario.setup().fleet().nodePool().provisioning().meanNanos()).isEqualTo(180 * S);
    assertThat(scenario.setup().fleet().lifecycle().modelLoad().meanNanos()).isEqualTo(90 * S);
    assertThat(scenario.setup().fleet().replica().performance())
        .isInstanceOf(PerSequenceOverhead.class);
    assertThat(scenario.setup().gateway().metricPrefix()).isEqualTo("dynamo_frontend_");

    ThresholdSetup threshold = (ThresholdSetup) scenario.policy("threshold");
    assertThat(threshold.config().pollingInterval()).isEqualTo(30);
    assertThat(threshold.config().cooldownPeriod()).isEqualTo(120);
    assertThat(threshold.config().minReplicaCount()).isEqualTo(2);
    assertThat(threshold.config().maxReplicaCount()).isEqualTo(4);
    assertThat(threshold.config().triggers().get(0).threshold()).isEqualTo(0.3);
    assertThat(threshold.config().triggers().get(0).activationThreshold()).isEqualTo(0.3);
    assertThat(threshold.triggers().get(0).expression())
        .contains("dynamo_frontend_time_to_first_token_seconds_bucket[2m]");

    PlannerSetup planner = (PlannerSetup) scenario.policy("slo-planner");
    assertThat(planner.config().pools().get(0).maxReplicas()).isEqualTo(4);
    // lead time prior: node 180 s + pull 0 s + load 90 s
    assertThat(planner.config().leadTimePrior().toSeconds()).isEqualTo(270);
    // with a one-minute scrape, the signals' rate window widens to four scrapes
    assertThat(planner.signals().get(0).expression())
        .isEqualTo("sum(rate(dynamo_frontend_input_sequence_tokens_count[240s]))");
  }

  @Test
  void everyFieldHasADefaultButModelGpuWorkloadAndDuration() {
    Scenario scenario = parse(MINIMAL);

    assertThat(scenario.name()).isEqualTo("test");
    assertThat(scenario.setup().seed()).isEqualTo(1);
    assertThat(scenario.setup().fleet().initialReplicas()).isEqualTo(1);
    assertThat(scenario.setup().gateway().router()).isEqualTo("least-load");
    assertThat(scenario.setup().slo().quantile()).isEqualTo(0.99);
    // weights 1.5 GB at 1 GB/s plus 45 s of engine start
    assertThat(scenario.setup().fleet().lifecycle().modelLoad().meanNanos())
        .isEqualTo(Math.round(751632384L * 2 / 1e9 * S) + 45 * S);
    assertThat(scenario.setup().fleet().nodePool().pricePerGpuHour()).isEqualTo(6.98);
    assertThat(scenario.policies()).isEmpty();
  }

  static Stream<Arguments> badScenarios() {
    return Stream.of(
        Arguments.of(
            MINIMAL + "fleet: {nodePool: {maxNodez: 3}}\n",
            "test.yaml: fleet.nodePool.maxNodez: unknown field (known here: gpusPerNode, minNodes,"
                + " maxNodes, warmNodes, provisioning, consolidateAfter, capacityType,"
                + " onDemandPricePerGpuHour, spotPricePerGpuHour)"),
        Arguments.of(
            MINIMAL.replace("duration: 10m", "duration: ten minutes"),
            "test.yaml: duration: 'ten minutes' is not a duration (examples: 90s, 1m30s, 250ms,"
                + " 2h)"),
        Arguments.of(
            MINIMAL.replace("duration: 10m\n", ""),
            "test.yaml: duration: is required for a generated workload (e.g. 30m)"),
        Arguments.of(
            MINIMAL.replace("model: qwen3-0.6b", "model: gpt-5"),
            "test.yaml: model: unknown model 'gpt-5'"),
        Arguments.of(
            MINIMAL + "fleet: {nodePool: {capacityType: spot}}\n",
            "test.yaml: fleet.nodePool.spotPricePerGpuHour: is required with capacityType: spot"),
        Arguments.of(
            MINIMAL + "gateway: {router: fastest}\n",
            "test.yaml: gateway: unknown router 'fastest' (known: round-robin, least-load,"
                + " prefix-aware)"),
        Arguments.of(
            MINIMAL.replace("input: 1000", "input: 0"),
            "test.yaml: workload.input: need 1 <= min <= max: 0, 0"),
        Arguments.of(
            MINIMAL + "engine: {perSequenceOverhead: -1ms}\n",
            "test.yaml: engine.perSequenceOverhead: '-1ms' is not a duration (examples: 90s,"
                + " 1m30s, 250ms, 2h)"),
        Arguments.of(
            MINIMAL
                + "policies:\n  threshold:\n    triggers:\n      - metadata: {query: 'sum(rate(x[1m]',"
                + " threshold: 1}\n",
            "test.yaml: policies.threshold.triggers: query 'trigger-0': "),
        Arguments.of(
            MINIMAL + "policies:\n  slo-planner: {minReplicas: 2}\n",
            "test.yaml: policies.slo-planner.maxReplicas: is required"),
        Arguments.of(
            MINIMAL + "policies:\n  slo-planner: {maxReplicas: 4, minReplicas: 5}\n",
            "test.yaml: policies.slo-planner: pool 'decode': maxReplicas (4) must be >= max(1,"
                + " minReplicas (5))"),
        Arguments.of(
            MINIMAL
                + "fleet: {lifecycle: {modelLoad: {distribution: uniform, min: 2m, max: 1m}}}\n",
            "test.yaml: fleet.lifecycle.modelLoad: uniform delay needs 0 <= min <= max: 120.0 s,"
                + " 60.0 s"),
        Arguments.of(
            MINIMAL
                + "fleet: {nodePool: {provisioning: {distribution: lognormal, median: 3m, sigma:"
                + " 0.2, min: 4m}}}\n",
            "test.yaml: fleet.nodePool.provisioning: log-normal delay needs 0 <= min <= median"),
        Arguments.of(
            MINIMAL + "policies:\n  slo-planner: {maxReplicas: 4, capacity: mix}\n",
            "test.yaml: policies.slo-planner.capacity: only 0 requests arrive before the"
                + " autoscaler's first tick at 0 s; the length mix needs at least 200"),
        Arguments.of(
            MINIMAL + "policies:\n  slo-planner: {maxReplicas: 4, errorBudget: {period: 10s}}\n",
            "test.yaml: policies.slo-planner: errorBudget.period (PT10S) must be at least the"
                + " signal window (PT1M)"),
        Arguments.of(
            MINIMAL + "policies:\n  slo-planner: {maxReplicas: 4, errorBudget: {window: 1h}}\n",
            "test.yaml: policies.slo-planner.errorBudget.window: unknown field"),
        Arguments.of(
            MINIMAL.replace("  rate: 5\n", "  rate: 5\n  trace: {file: x.csv}\n"),
            "test.yaml: workload.rate: does not apply to a trace replay"));
  }

  @Test
  void aPlannerCanLearnItsLengthMixFromTheRequestsBeforeItsFirstTick() {
    Scenario scenario =
        parse(
            MINIMAL.replace("input: 1000", "input: {mean: 1000, stddev: 400, min: 10, max: 4000}")
                + "policies:\n  startAt: 1m\n  slo-planner: {maxReplicas: 4, capacity: mix}\n");

    PlannerSetup planner = (PlannerSetup) scenario.policies().get(0);

    // 5 req/s for a minute: about 300 requests seen before the first tick
    assertThat(planner.capacity().describe())
        .contains("1000 requests per trial")
        .containsPattern("lengths drawn from \\d{3} observed requests \\(ISL mean \\d+");
  }

  @Test
  void aPlannerWithAnErrorBudgetReadsThePeriodsFirstTokens() {
    Scenario scenario =
        parse(MINIMAL + "policies:\n  slo-planner: {maxReplicas: 4, errorBudget: {period: 1h}}\n");

    PlannerSetup planner = (PlannerSetup) scenario.policies().get(0);

    assertThat(planner.config().errorBudget().period()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(planner.signals())
        .extracting(MetricQuery::name)
        .contains("ttft_attainment", "slo_period_requests", "slo_period_ttft_misses");
    assertThat(planner.signals())
        .filteredOn(query -> query.name().equals("slo_period_requests"))
        .singleElement()
        .extracting(MetricQuery::expression)
        .isEqualTo(
            "sum(increase(llmscale_frontend_time_to_first_token_seconds_count[3600s]))"
                + " + sum(increase(llmscale_frontend_requests_total"
                + "{request_type=\"stream\",error_type=~\"none|overload\"}[3600s]))"
                + " - sum(increase(llmscale_frontend_requests_total"
                + "{request_type=\"stream\",error_type=\"none\"}[3600s]))");
  }

  @ParameterizedTest
  @MethodSource("badScenarios")
  void badInputFailsWithOneLineNamingTheField(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith(message).doesNotContain("\n"));
  }
}
