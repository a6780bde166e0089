package dev.llmscale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Capacity of one Llama-3.1-8B replica on an H100 (roofline model) at p99 TTFT 0.3 s, ITL 50 ms.
 */
class CapacityModelTest {
  private static final SloTargets SLO = new SloTargets(0.3, 0.05, 0.99);
  private static final PerformanceModel MODEL;
  private static final EngineConfig ENGINE;

  static {
    Catalog catalog = Catalog.builtIn();
    ModelSpec model = catalog.model("llama-3.1-8b");
    GpuSpec gpu = catalog.gpu("h100-80gb");
    MODEL = new RooflinePerformanceModel(model, gpu);
    ENGINE =
        EngineConfig.defaults(
            8192, KvCapacity.blocks(model, gpu, 1, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES));
  }

  private final SteadyStateCapacity analytic = new SteadyStateCapacity(MODEL, ENGINE, SLO);

  static Stream<Arguments> mixes() {
    return Stream.of(
        arguments("chat, ISL 512 / OSL 128", new LoadShape(512, 128)),
        arguments("RAG, ISL 3000 / OSL 250", new LoadShape(3000, 250)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mixes")
  void theSteadyStateEstimateIsWithinAThirdOfTheSimulatedEngine(String name, LoadShape shape) {
    SimulatedCapacity simulated = new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1);

    double estimate = analytic.maxRatePerReplica(PoolRole.AGGREGATED, shape);
    double measured = simulated.maxRatePerReplica(PoolRole.AGGREGATED, shape);

    assertThat(estimate).isCloseTo(measured, within(0.35 * measured));
  }

  @Test
  void theSimulatedCapacityMeetsTheTargetsAndAThirdMoreDoesNot() {
    SimulatedCapacity simulated = new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1);
    LoadShape shape = new LoadShape(3000, 250);

    double rate = simulated.maxRatePerReplica(PoolRole.AGGREGATED, shape);
    SimulatedCapacity.Trial at = simulated.measure(PoolRole.AGGREGATED, shape, rate);
    SimulatedCapacity.Trial above = simulated.measure(PoolRole.AGGREGATED, shape, 1.33 * rate);

    assertThat(at.ttftTailSeconds()).isLessThanOrEqualTo(SLO.ttftSeconds());
    assertThat(at.itlTailSeconds()).isLessThanOrEqualTo(SLO.itlSeconds());
    assertThat(
            above.saturated()
                || above.ttftTailSeconds() > SLO.ttftSeconds()
                || above.itlTailSeconds() > SLO.itlSeconds())
        .isTrue();
  }

  @Test
  void longerPromptsLowerPrefillCapacityAndLongerOutputsLowerDecodeCapacity() {
    double shortPrompts = analytic.maxRatePerReplica(PoolRole.PREFILL, new LoadShape(500, 200));
    double longPrompts = analytic.maxRatePerReplica(PoolRole.PREFILL, new LoadShape(4000, 200));
    double shortOutputs = analytic.maxRatePerReplica(PoolRole.DECODE, new LoadShape(1000, 100));
    double longOutputs = analytic.maxRatePerReplica(PoolRole.DECODE, new LoadShape(1000, 1000));

    assertThat(longPrompts).isLessThan(shortPrompts / 2);
    assertThat(longOutputs).isLessThan(shortOutputs / 2);
    // decode capacity hardly depends on the prompt beyond its KV reads; prefill not on the output
    assertThat(analytic.maxRatePerReplica(PoolRole.PREFILL, new LoadShape(4000, 2000)))
        .isEqualTo(longPrompts);
  }

  @Test
  void aTargetNoSingleRequestCanMeetGivesZeroCapacity() {
    // an 8 000-token prompt alone takes longer than 0.1 s to prefill on one H100
    SteadyStateCapacity strict =
        new SteadyStateCapacity(MODEL, ENGINE, new SloTargets(0.1, 0.05, 0.99));

    assertThat(strict.maxRatePerReplica(PoolRole.PREFILL, new LoadShape(8000, 100))).isZero();
    assertThat(strict.at(PoolRole.PREFILL, new LoadShape(8000, 100), 0.01).limit())
        .contains("p99 TTFT")
        .contains("> 0.100 s");
  }

  @Test
  void poissonQuantilesAndTheNormalQuantile() {
    assertThat(SteadyStateCapacity.poissonQuantile(0, 0.99)).isZero();
    assertThat(SteadyStateCapacity.poissonQuantile(1, 0.99)).isEqualTo(4); // P(<=3) = 0.981
    assertThat(SteadyStateCapacity.poissonQuantile(1000, 0.99))
        .isBetween(1070, 1076); // 1000 + 2.326 x 31.6
    assertThat(SteadyStateCapacity.inverseNormal(0.99)).isCloseTo(2.3263, within(1e-4));
    assertThat(SteadyStateCapacity.inverseNormal(0.5)).isCloseTo(0, within(1e-9));
  }

  /** A chat mix whose prompts are mostly short and sometimes ten times the median. */
  private static LengthMix longTailedMix() {
    int[] inputs = new int[100];
    int[] outputs = new int[100];
    for (int i = 0; i < 100; i++) {
      inputs[i] = i % 10 == 9 ? 5000 : 500;
      outputs[i] = 128;
    }
    return new LengthMix(inputs, outputs);
  }

  @Test
  void aMixOfOneRequestCarriesWhatTheMeanRequestCarries() {
    LengthMix same = new LengthMix(new int[] {950, 950}, new int[] {128, 128});
    LoadShape shape = new LoadShape(950, 128);

    double mixed =
        new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1, same)
            .maxRatePerReplica(PoolRole.AGGREGATED, shape);
    double mean =
        new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1)
            .maxRatePerReplica(PoolRole.AGGREGATED, shape);

    // the same requests, rounded to a 5 % grid instead of a 2 % one
    assertThat(mixed).isCloseTo(mean, within(0.1 * mean));
  }

  @Test
  void longPromptsInTheMixLowerWhatAReplicaCarriesBelowTheMeanRequest() {
    LengthMix mix = longTailedMix();
    LoadShape shape = new LoadShape(mix.meanInput(), mix.meanOutput());

    double mixed =
        new SimulatedCapacity(MODEL, ENGINE, SLO, 1000, 1, mix)
            .maxRatePerReplica(PoolRole.AGGREGATED, shape);
    double mean =
        new SimulatedCapacity(MODEL, ENGINE, SLO, 1000, 1)
            .maxRatePerReplica(PoolRole.AGGREGATED, shape);

    assertThat(mix.meanInput()).isEqualTo(950);
    assertThat(mixed).isLessThan(0.9 * mean);
  }

  @Test
  void aMixIsScaledToTheForecastMeans() {
    SimulatedCapacity capacity = new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1, longTailedMix());

    double shorter = capacity.maxRatePerReplica(PoolRole.AGGREGATED, new LoadShape(475, 128));
    double longer = capacity.maxRatePerReplica(PoolRole.AGGREGATED, new LoadShape(1900, 128));

    assertThat(shorter).isGreaterThan(1.5 * longer);
    assertThat(capacity.describe()).contains("100 observed requests (ISL mean 950, p99 5000");
  }

  @Test
  void judgingTtftAtALaxerQuantileCarriesAtLeastAsMuchAndIsAskedOnce() {
    SimulatedCapacity capacity = new SimulatedCapacity(MODEL, ENGINE, SLO, 300, 1, longTailedMix());
    LoadShape shape = new LoadShape(950, 128);

    CapacityModel laxer = capacity.withTtftQuantile(0.95);
    double strict = capacity.maxRatePerReplica(PoolRole.AGGREGATED, shape);
    double lax = laxer.maxRatePerReplica(PoolRole.AGGREGATED, shape);

    // the same trials, read at p95 instead of p99: a shorter TTFT tail at every rate, so as much
    // capacity or more (near saturation the tail rises so steeply that it is often the same)
    SimulatedCapacity.Trial strictTrial = capacity.measure(PoolRole.AGGREGATED, shape, strict);
    SimulatedCapacity.Trial laxTrial =
        ((SimulatedCapacity) laxer).measure(PoolRole.AGGREGATED, shape, strict);
    assertThat(laxTrial.ttftTailSeconds()).isLessThan(strictTrial.ttftTailSeconds());
    assertThat(laxTrial.itlTailSeconds()).isEqualTo(strictTrial.itlTailSeconds());
    assertThat(lax).isGreaterThanOrEqualTo(strict);
    assertThat(capacity.withTtftQuantile(0.95)).isSameAs(laxer);
    assertThat(capacity.withTtftQuantile(0.99)).isSameAs(capacity);
    assertThat(capacity.withTtftQuantile(0.999)).isSameAs(capacity);
    assertThat(laxer.describe()).contains("TTFT judged at q = 0.950");
    assertThat(
            FixedCapacity.of(3).withTtftQuantile(0.9).maxRatePerReplica(PoolRole.AGGREGATED, shape))
        .isEqualTo(3);
  }
}
