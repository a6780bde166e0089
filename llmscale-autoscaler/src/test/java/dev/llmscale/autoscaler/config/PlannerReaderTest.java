package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.SimulatedCapacity;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.core.policy.SloPlannerConfig.Panic;
import dev.llmscale.core.policy.SloPlannerConfig.Pool;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.predict.PredictorConfig;
import dev.llmscale.emulator.EmulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code planner} to the SLO planner's settings, its capacity model and its queries. */
class PlannerReaderTest {
  private static final Catalog CATALOG = Catalog.builtIn();
  private static final ModelSpec QWEN = CATALOG.model("qwen3-0.6b");
  private static final GpuSpec H100 = CATALOG.gpu("h100");
  private static final SloTargets SLO = new SloTargets(0.3, 0.05, 0.99);
  private static final String SLO_AND_CAPACITY =
      """
      slo: {ttft: 300ms, itl: 50ms}
      capacity: {model: Qwen3-0.6B, gpu: H100-80GB}
      """;
  private static final String ONE_POOL = "service: llm\nmaxReplicas: 4\n" + SLO_AND_CAPACITY;
  private static final String TWO_POOLS =
      """
      pools:
        - {service: prefill, role: prefill, minReplicas: 1, maxReplicas: 4}
        - {service: decode, role: decode, maxReplicas: 8, gpusPerReplica: 2}
      """
          + SLO_AND_CAPACITY;

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  /** A planner file: the given {@code planner} body, a Deployment per service it names. */
  private static String planner(String body) {
    String targets =
        body.contains("service: prefill")
            ? "targets: [{service: prefill, kubernetes: {}}, {service: decode, kubernetes: {}}]\n"
            : "targets: [{service: llm, kubernetes: {}}]\n";
    return "policy: slo-planner\n"
        + "source: {prometheus: {serverAddress: \"http://127.0.0.1:9090\"}}\n"
        + targets
        + "planner:\n"
        + body.indent(2);
  }

  private static SloPlannerConfig onePool() {
    return SloPlannerConfig.aggregated("llm", 1, 4, SLO);
  }

  /** The defaults around another aggregated pool. */
  private static SloPlannerConfig onePool(Pool pool) {
    SloPlannerConfig defaults = onePool();
    return new SloPlannerConfig(
        List.of(pool),
        defaults.slo(),
        defaults.targetUtilization(),
        defaults.scaleDownUtilization(),
        defaults.tickInterval(),
        defaults.predictor(),
        defaults.leadTimePrior(),
        defaults.leadTimePriorWeight(),
        defaults.scaleDownWindow(),
        defaults.scaleDownMaxFraction(),
        defaults.panic(),
        defaults.gpuBudget(),
        defaults.assumedShape(),
        defaults.signalWindow(),
        defaults.errorBudget());
  }

  static Stream<Arguments> configs() {
    return Stream.of(
        arguments("the core's defaults", ONE_POOL, onePool()),
        arguments(
            "the shorthand with every pool field",
            "service: llm\nminReplicas: 0\nmaxReplicas: 6\ngpusPerReplica: 2\n" + SLO_AND_CAPACITY,
            onePool(new Pool("llm", PoolRole.AGGREGATED, 0, 6, 2))),
        arguments(
            "prefill and decode pools",
            TWO_POOLS,
            SloPlannerConfig.disaggregated(
                new Pool("prefill", PoolRole.PREFILL, 1, 4, 1),
                new Pool("decode", PoolRole.DECODE, 1, 8, 2),
                SLO)),
        arguments(
            "a replica holds tensorParallel GPUs unless told",
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: Qwen3-0.6B, gpu: H100-80GB, tensorParallel: 2}\n",
            onePool(new Pool("llm", PoolRole.AGGREGATED, 1, 4, 2))),
        arguments(
            "every setting",
            ONE_POOL
                + """
                targetUtilization: 0.8
                scaleDownUtilization: 0.6
                interval: 30s
                predictor: {kind: holt, alpha: 0.5, beta: 0.2}
                leadTime: {prior: 180s, priorWeight: 5}
                scaleDownWindow: 10m
                scaleDownMaxFraction: 0.5
                panic: {latencyRatio: 1.2, queuePerReplica: 8, maxFactor: 3, window: 2m}
                gpuBudget: 8
                assumedShape: {inputTokens: 3000, outputTokens: 250}
                """,
            onePool()
                .withUtilization(0.8, 0.6)
                .withTickInterval(Duration.ofSeconds(30))
                .withPredictor(new PredictorConfig.Holt(0.5, 0.2))
                .withLeadTimePrior(Duration.ofSeconds(180), 5)
                .withScaleDown(Duration.ofMinutes(10), 0.5)
                .withPanic(new Panic(1.2, 8, 3, Duration.ofMinutes(2)))
                .withGpuBudget(8)
                .withAssumedShape(new LoadShape(3000, 250))),
        arguments(
            "a quantile as p95, durations as seconds",
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 0.5, itl: \"0.04\", quantile: p95}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100}\n",
            SloPlannerConfig.aggregated("llm", 1, 4, new SloTargets(0.5, 0.04, 0.95))),
        arguments(
            "a predictor by name takes its defaults",
            ONE_POOL + "predictor: constant\n",
            onePool().withPredictor(new PredictorConfig.Constant())),
        arguments(
            "a predictor's parameters left out take their defaults",
            ONE_POOL + "predictor: {kind: kalman, observationNoise: 0.2}\n",
            onePool().withPredictor(new PredictorConfig.KalmanTrend(0.2, 0.003, 0.00003))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void mapsThePlanner(String name, String body, SloPlannerConfig expected) {
    AutoscalerConfig config = fixture.load(planner(body));

    PlannerSpec spec = (PlannerSpec) config.policy();
    assertThat(spec.config()).isEqualTo(expected);
    assertThat(spec.createPolicy().services()).isEqualTo(spec.services());
    assertThat(config.warnings()).isEmpty();
  }

  private static EngineConfig engine(
      ModelSpec model, GpuSpec gpu, int gpus, double memory, int maxModelLen) {
    int blocks = KvCapacity.blocks(model, gpu, gpus, memory, 16, KvCapacity.DEFAULT_RESERVED_BYTES);
    return EngineConfig.defaults(maxModelLen, blocks);
  }

  static Stream<Arguments> capacities() {
    ModelSpec llama70 = CATALOG.model("llama-3.3-70b");
    GpuSpec h200 = CATALOG.gpu("h200");
    return Stream.of(
        arguments(
            "roofline, steady state, vLLM's engine defaults",
            "{model: Qwen3-0.6B, gpu: H100-80GB}",
            new CapacitySpec(
                QWEN,
                H100,
                "roofline",
                Optional.empty(),
                1,
                CapacitySpec.Method.STEADY_STATE,
                EmulatorOptions.defaultEngineConfig(QWEN, H100, 0.9),
                CapacitySpec.DEFAULT_REQUESTS,
                CapacitySpec.DEFAULT_SEED)),
        arguments(
            "engine overrides",
            """
            model: qwen3-0.6b
            gpu: h100
            method: simulated
            requests: 300
            seed: 7
            engine:
              maxNumSeqs: 128
              maxNumBatchedTokens: 4096
              maxModelLen: 8192
              gpuMemoryUtilization: 0.8
              enablePrefixCaching: false
              enableChunkedPrefill: true
              longPrefillTokenThreshold: 1024
            """,
            new CapacitySpec(
                QWEN,
                H100,
                "roofline",
                Optional.empty(),
                1,
                CapacitySpec.Method.SIMULATED,
                engine(QWEN, H100, 1, 0.8, 8192)
                    .withMaxNumSeqs(128)
                    .withMaxNumBatchedTokens(4096)
                    .withPrefixCaching(false)
                    .withLongPrefillTokenThreshold(1024),
                300,
                7)),
        arguments(
            "a model sharded over two GPUs",
            "{model: Llama-3.3-70B, gpu: H200, tensorParallel: 2}",
            new CapacitySpec(
                llama70,
                h200,
                "roofline",
                Optional.empty(),
                2,
                CapacitySpec.Method.STEADY_STATE,
                engine(
                    llama70,
                    h200,
                    2,
                    0.9,
                    (int)
                        Math.min(
                            llama70.maxContext(),
                            16L
                                * KvCapacity.blocks(
                                    llama70, h200, 2, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES))),
                CapacitySpec.DEFAULT_REQUESTS,
                CapacitySpec.DEFAULT_SEED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("capacities")
  void mapsTheCapacity(String name, String capacity, CapacitySpec expected) {
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\ncapacity:\n"
            + capacity.indent(2);

    PlannerSpec spec = (PlannerSpec) fixture.load(planner(body)).policy();

    assertThat(spec.capacity()).isEqualTo(expected);
  }

  @Test
  void theMixMethodDrawsItsTrialsFromTheLengthsOfATrace() {
    fixture.write(
        "traffic.csv",
        """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:15:46.6805900,374,44
        2023-11-16 18:15:50.9951690,4142,20
        2023-11-16 18:15:51.2205170,1000,250
        """);
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
            + "capacity: {model: qwen3-0.6b, gpu: h100, method: mix, mix: traffic.csv,"
            + " requests: 200}\n";

    PlannerSpec spec = (PlannerSpec) fixture.load(planner(body)).policy();

    assertThat(spec.capacity().method()).isEqualTo(CapacitySpec.Method.MIX);
    assertThat(spec.capacity().mix())
        .hasValueSatisfying(
            mix -> {
              assertThat(mix.inputs()).containsExactly(374, 4142, 1000);
              assertThat(mix.outputs()).containsExactly(44, 20, 250);
            });
    assertThat(spec.capacity().capacityModel(new SloTargets(0.3, 0.05, 0.99)))
        .isInstanceOf(SimulatedCapacity.class);
  }

  @Test
  void aMixThatIsNotATraceIsRejectedWithTheFileNamed() {
    fixture.write("traffic.csv", "not,a,trace\n1,2,3\n");
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
            + "capacity: {model: qwen3-0.6b, gpu: h100, method: mix, mix: traffic.csv}\n";

    assertThat(fixture.error(planner(body)))
        .startsWith("planner.capacity.mix: ")
        .contains("traffic.csv");
  }

  @Test
  void aMeasuredProfileIsReadFromBesideTheFile() throws IOException {
    Path profile = directory.resolve("profiles/llama-8b-h100.profile");
    Files.createDirectories(profile.getParent());
    try (InputStream in = getClass().getResourceAsStream("/config/llama-8b-h100.profile")) {
      Files.copy(in, profile);
    }
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
            + "capacity: {model: llama-3.1-8b, gpu: h100, performanceModel: profile,"
            + " profile: profiles/llama-8b-h100.profile}\n";

    CapacitySpec capacity = ((PlannerSpec) fixture.load(planner(body)).policy()).capacity();

    assertThat(capacity.profile()).contains(profile);
    assertThat(capacity.performance().describe()).contains("llama-8b-h100.profile");
    assertThat(capacity.capacityModel(SLO)).isNotNull();
  }

  private static List<MetricQuery> queries(String... nameAndQuery) {
    List<MetricQuery> queries = new java.util.ArrayList<>();
    for (int i = 0; i < nameAndQuery.length; i += 2) {
      queries.add(new MetricQuery(nameAndQuery[i], nameAndQuery[i + 1], false));
    }
    return queries;
  }

  static Stream<Arguments> signals() {
    return Stream.of(
        arguments(
            "defaults over the gateway's metrics",
            "",
            queries(
                "request_rate",
                "sum(rate(llmscale_frontend_input_sequence_tokens_count[1m]))",
                "input_tokens_mean",
                "sum(rate(llmscale_frontend_input_sequence_tokens_sum[1m]))"
                    + " / sum(rate(llmscale_frontend_input_sequence_tokens_count[1m]))",
                "output_tokens_mean",
                "sum(rate(llmscale_frontend_output_sequence_tokens_sum[1m]))"
                    + " / sum(rate(llmscale_frontend_output_sequence_tokens_count[1m]))",
                "ttft_tail_seconds",
                "histogram_quantile(0.99, sum by (le)"
                    + " (rate(llmscale_frontend_time_to_first_token_seconds_bucket[1m])))",
                "itl_tail_seconds",
                "histogram_quantile(0.99, sum by (le)"
                    + " (rate(llmscale_frontend_inter_token_latency_seconds_bucket[1m])))",
                "queued_requests",
                "sum(llmscale_frontend_queued_requests)")),
        arguments(
            "Dynamo's prefix, a shorter window, an override and goodput",
            """
            signals:
              metricPrefix: dynamo_frontend_
              window: 30s
              request_rate: sum(rate(dynamo_frontend_requests_total{model="qwen"}[30s]))
              goodput_ratio: sum(rate(x_good[1m])) / sum(rate(x_all[1m]))
            """,
            queries(
                "request_rate",
                "sum(rate(dynamo_frontend_requests_total{model=\"qwen\"}[30s]))",
                "input_tokens_mean",
                "sum(rate(dynamo_frontend_input_sequence_tokens_sum[30s]))"
                    + " / sum(rate(dynamo_frontend_input_sequence_tokens_count[30s]))",
                "output_tokens_mean",
                "sum(rate(dynamo_frontend_output_sequence_tokens_sum[30s]))"
                    + " / sum(rate(dynamo_frontend_output_sequence_tokens_count[30s]))",
                "ttft_tail_seconds",
                "histogram_quantile(0.99, sum by (le)"
                    + " (rate(dynamo_frontend_time_to_first_token_seconds_bucket[30s])))",
                "itl_tail_seconds",
                "histogram_quantile(0.99, sum by (le)"
                    + " (rate(dynamo_frontend_inter_token_latency_seconds_bucket[30s])))",
                "queued_requests",
                "sum(dynamo_frontend_queued_requests)",
                "goodput_ratio",
                "sum(rate(x_good[1m])) / sum(rate(x_all[1m]))")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signals")
  void queriesEverySignal(String name, String signals, List<MetricQuery> expected) {
    PlannerSpec spec = (PlannerSpec) fixture.load(planner(ONE_POOL + signals)).policy();

    assertThat(spec.queries()).isEqualTo(expected);
  }

  @Test
  void anErrorBudgetCountsLateFirstTokensAndFailuresAsMisses() {
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 500ms, itl: 50ms, quantile: 0.99}\n"
            + "capacity: {model: qwen3-0.6b, gpu: h100}\nerrorBudget: {period: 1h}\n";

    PlannerSpec spec = (PlannerSpec) fixture.load(planner(body)).policy();

    assertThat(spec.config().errorBudget().period()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.queries())
        .filteredOn(query -> query.name().equals("slo_period_ttft_misses"))
        .singleElement()
        .satisfies(
            query ->
                assertThat(query.expression())
                    .isEqualTo(
                        "sum(increase(llmscale_frontend_time_to_first_token_seconds_count[1h]))"
                            + " + sum(increase(llmscale_frontend_requests_total"
                            + "{request_type=\"stream\",error_type=~\"none|overload\"}[1h]))"
                            + " - sum(increase(llmscale_frontend_requests_total"
                            + "{request_type=\"stream\",error_type=\"none\"}[1h]))"
                            + " - sum(increase(llmscale_frontend_time_to_first_token_seconds"
                            + "_bucket{le=~\"0\\\\.5\"}[1h]))"));
    assertThat(spec.queries())
        .extracting(MetricQuery::name)
        .contains("ttft_attainment", "slo_period_requests", "slo_period_ttft_misses");
  }

  @Test
  void withoutAnErrorBudgetItsSignalsAreNotQueried() {
    PlannerSpec spec = (PlannerSpec) fixture.load(planner(ONE_POOL)).policy();

    assertThat(spec.config().errorBudget().enabled()).isFalse();
    assertThat(spec.queries())
        .extracting(MetricQuery::name)
        .doesNotContain("ttft_attainment", "slo_period_requests", "slo_period_ttft_misses");
  }

  @Test
  void anErrorBudgetOnATargetNoBucketCanReadIsAnError() {
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 1ms, itl: 50ms}\n"
            + "capacity: {model: qwen3-0.6b, gpu: h100}\nerrorBudget: {period: 1h}\n";

    assertThatThrownBy(() -> fixture.load(planner(body)))
        .hasMessageContaining("errorBudget")
        .hasMessageContaining("below the gateway's smallest TTFT bucket");
  }

  @Test
  void theTailQueriesReadTheSlosQuantile() {
    String body =
        "service: llm\nmaxReplicas: 4\nslo: {ttft: 1s, itl: 50ms, quantile: 0.95}\n"
            + "capacity: {model: qwen3-0.6b, gpu: h100}\n";

    PlannerSpec spec = (PlannerSpec) fixture.load(planner(body)).policy();

    assertThat(spec.queries())
        .filteredOn(query -> query.name().endsWith("_tail_seconds"))
        .allSatisfy(
            query -> assertThat(query.expression()).startsWith("histogram_quantile(0.95, "));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments(
            "slo: {ttft: 300ms, itl: 50ms}\ncapacity: {model: qwen3-0.6b, gpu: h100}\n",
            "planner.pools: missing (required): list the pools, or give service, minReplicas and"
                + " maxReplicas for one aggregated pool"),
        arguments(
            TWO_POOLS + "service: llm\n",
            "planner.service: give pools or the one-pool shorthand (service, minReplicas,"
                + " maxReplicas), not both"),
        arguments(
            "service: llm\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100}\n",
            "planner.maxReplicas: missing (required)"),
        arguments(
            TWO_POOLS.replace("role: decode", "role: generate"),
            "planner.pools[1].role: expected aggregated, prefill or decode, found 'generate'"),
        arguments(
            TWO_POOLS.replace("role: decode", "role: prefill"),
            "planner: pools: need one aggregated pool, or one prefill and one decode pool; got"
                + " [PREFILL]"),
        arguments(
            "service: llm\nmaxReplicas: 0\n" + SLO_AND_CAPACITY,
            "planner: pool 'llm': maxReplicas (0) must be >= max(1, minReplicas (1))"),
        arguments(
            ONE_POOL + "scaleDownUtilization: 0.9\n",
            "planner: scaleDownUtilization must be in (0, targetUtilization = 0.85]: 0.9"),
        arguments(
            ONE_POOL + "gpuBudget: -1\n", "planner: gpuBudget must be >= 0 (0: no budget): -1"),
        arguments(ONE_POOL + "interval: 0s\n", "planner: tickInterval must be > 0: PT0S"),
        arguments(
            ONE_POOL + "targetUtilisation: 0.8\n",
            "planner.targetUtilisation: unknown field; did you mean 'targetUtilization'?"),
        arguments(
            ONE_POOL + "predictor: arima\n",
            "planner.predictor: predictor must be one of constant, holt, kalman, not 'arima'"),
        arguments(
            ONE_POOL + "predictor: {kind: holt, observationNoise: 0.1}\n",
            "planner.predictor.observationNoise: unknown field; expected one of: kind, alpha,"
                + " beta"),
        arguments(
            ONE_POOL + "predictor: {kind: holt, alpha: 2}\n",
            "planner.predictor: predictor.alpha must be in (0, 1]: 2.0"),
        arguments(
            ONE_POOL + "panic: {maxFactor: 1}\n",
            "planner.panic: panic.maxFactor must be > 1: 1.0"),
        arguments(
            "service: llm\nmaxReplicas: 4\ncapacity: {model: qwen3-0.6b, gpu: h100}\n",
            "planner.slo: missing (required)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: fast, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100}\n",
            "planner.slo.ttft: expected a duration such as 250ms, 30s, 5m, 1h, 1m30s, or seconds"
                + " as a number, found 'fast'"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms, quantile: 99}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100}\n",
            "planner.slo: slo.quantile must be in [0.5, 1) (0.95 for p95, 0.99 for p99): 99.0"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n",
            "planner.capacity: missing (required)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: llama-2-7b, gpu: h100}\n",
            "planner.capacity.model: unknown model 'llama-2-7b'; known: qwen3-0.6b, llama-3.1-8b,"
                + " qwen2.5-7b, mistral-7b, llama-3.3-70b"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, performanceModel: measured}\n",
            "planner.capacity.performanceModel: expected one of roofline, polynomial, profile,"
                + " found 'measured'"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, performanceModel: profile}\n",
            "planner.capacity: performanceModel: profile needs a profile file (profile: path)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, performanceModel: profile, profile:"
                + " none.profile}\n",
            "planner.capacity.profile: cannot read ${dir}/none.profile (missing or not readable)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, requests: 100}\n",
            "planner.capacity.requests: only read with method: simulated or mix"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, method: simulation}\n",
            "planner.capacity.method: expected steady-state, simulated or mix, found 'simulation'"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, method: mix}\n",
            "planner.capacity.mix: missing (required)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, method: simulated, mix: t.csv}\n",
            "planner.capacity.mix: only read with method: mix"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, method: mix, mix: none.csv}\n",
            "planner.capacity.mix: cannot read ${dir}/none.csv (missing or not readable)"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, engine: {max-num-seqs: 64}}\n",
            "planner.capacity.engine.max-num-seqs: unknown field; did you mean 'maxNumSeqs'?"),
        arguments(
            "service: llm\nmaxReplicas: 4\nslo: {ttft: 300ms, itl: 50ms}\n"
                + "capacity: {model: qwen3-0.6b, gpu: h100, engine: {maxModelLen: 100000}}\n",
            "planner.capacity.engine: max model length 100000 exceeds qwen3-0.6b's context of"
                + " 40960 tokens"),
        arguments(
            ONE_POOL + "signals: {ttft_p99: \"x\"}\n",
            "planner.signals.ttft_p99: unknown field; expected one of: metricPrefix, window,"
                + " request_rate, input_tokens_mean, output_tokens_mean, ttft_tail_seconds,"
                + " itl_tail_seconds, queued_requests, goodput_ratio,"
                + " ttft_attainment, slo_period_requests, slo_period_ttft_misses"),
        arguments(
            ONE_POOL + "signals: {metricPrefix: 1bad_}\n",
            "planner.signals.metricPrefix: '1bad_' cannot start a Prometheus metric name"
                + " ([a-zA-Z_:][a-zA-Z0-9_:]*)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void rejectsWithTheFieldNamed(String body, String message) {
    assertThat(fixture.error(planner(body))).isEqualTo(message);
  }
}
