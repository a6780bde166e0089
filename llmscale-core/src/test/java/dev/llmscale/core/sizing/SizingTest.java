package dev.llmscale.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import dev.llmscale.core.policy.SloTargets;
import org.junit.jupiter.api.Test;

/** Sizing against examples worked out by hand from the catalogs' published configurations. */
class SizingTest {
  private static final Catalog CATALOG = Catalog.builtIn();
  private static final SloTargets SLO = new SloTargets(1.0, 0.1, 0.99);

  private static SizingRequest request(
      String model, String gpu, int gpus, int concurrency, double rate, SloTargets slo) {
    ModelSpec m = CATALOG.model(model);
    GpuSpec g = CATALOG.gpu(gpu);
    return new SizingRequest(
        m,
        g,
        new RooflinePerformanceModel(m, g, dev.llmscale.core.perf.RooflineEfficiency.DEFAULT, gpus),
        gpus,
        0.9,
        2000,
        500,
        1000,
        250,
        slo,
        concurrency,
        rate,
        0,
        g.dollarsPerHour(),
        null);
  }

  @Test
  void kvBytesPerTokenComeFromLayersKvHeadsHeadDimAndDtype() {
    // 2 (K and V) x 32 layers x 8 KV heads x 128 head dim x 2 bytes
    assertThat(CATALOG.model("llama-3.1-8b").kvBytesPerToken()).isEqualTo(131_072);
    // 2 x 28 x 8 x 128 x 2
    assertThat(CATALOG.model("qwen3-0.6b").kvBytesPerToken()).isEqualTo(114_688);
    // 2 x 80 x 8 x 128 x 2: a 70B model's token costs 2.5 times an 8B's
    assertThat(CATALOG.model("llama-3.3-70b").kvBytesPerToken()).isEqualTo(327_680);
  }

  @Test
  void memoryOfLlama8bOnAnA100() {
    MemoryPlan memory =
        MemoryPlan.of(CATALOG.model("llama-3.1-8b"), CATALOG.gpu("a100-80gb"), 1, 0.9, 16);

    // 81,920 MiB x 0.9 - 1.5 GiB reserve = 75,698,798,592 B usable
    assertThat(memory.usableBytes()).isEqualTo(75_698_798_592.0);
    // 8,030,261,248 parameters x 2 bytes
    assertThat(memory.weightBytes()).isEqualTo(16_060_522_496L);
    // (75,698,798,592 - 16,060,522,496) / (16 tokens x 131,072 B) = 28,437.9 blocks
    assertThat(memory.kvBlocks()).isEqualTo(28_437);
    assertThat(memory.kvTokens()).isEqualTo(454_992);
    assertThat(memory.weightShare()).isCloseTo(0.212, within(0.001));
  }

  @Test
  void aModelThatDoesNotFitSaysByHowMuch() {
    assertThatThrownBy(
            () -> MemoryPlan.of(CATALOG.model("mistral-7b"), CATALOG.gpu("t4"), 1, 0.9, 16))
        .isInstanceOf(SizingException.class)
        .hasMessageStartingWith(
            "mistral-7b does not fit on 1 x t4: its weights take 13.5 GiB of the 12.0 GiB vLLM may"
                + " use at gpu_memory_utilization 0.90");
    // 70B needs more than one H100, fits on four
    assertThatThrownBy(
            () -> MemoryPlan.of(CATALOG.model("llama-3.3-70b"), CATALOG.gpu("h100"), 1, 0.9, 16))
        .hasMessageStartingWith("llama-3.3-70b does not fit on 1 x h100");
    assertThat(
            MemoryPlan.of(CATALOG.model("llama-3.3-70b"), CATALOG.gpu("h100"), 4, 0.9, 16)
                .kvBlocks())
        .isPositive();
  }

  @Test
  void engineFlagsForMistral7bOnAnA10() {
    MemoryPlan memory = MemoryPlan.of(CATALOG.model("mistral-7b"), CATALOG.gpu("a10"), 1, 0.9, 16);
    // 23,028 MiB x 0.9 - 1.5 GiB - 14,496,047,104 B of weights = 5,625,287,475 B: 2,682 blocks
    assertThat(memory.kvTokens()).isEqualTo(42_912);

    EngineLimits limits = EngineLimits.recommend(memory, 32_768, 2000, 500);

    // 2 x 2,500 tokens rounded up to a power of two
    assertThat(limits.maxModelLen()).isEqualTo(8192);
    // 42,912 / 2,500 p95 requests held at once
    assertThat(limits.maxNumSeqs()).isEqualTo(17);
    assertThat(limits.fullLengthSequences()).isEqualTo(5);
  }

  @Test
  void aP95RequestLongerThanTheContextIsAnError() {
    MemoryPlan memory = MemoryPlan.of(CATALOG.model("mistral-7b"), CATALOG.gpu("a10"), 1, 0.9, 16);

    assertThatThrownBy(() -> EngineLimits.recommend(memory, 32_768, 40_000, 500))
        .hasMessage(
            "a p95 request of 40500 tokens does not fit: the model's context is 32768 tokens and"
                + " the KV cache holds 42912");
  }

  @Test
  void replicasForAPeakConcurrencyAreConcurrencyOverMaxNumSeqs() {
    SizingResult result = Sizing.size(request("mistral-7b", "a10", 1, 200, 0, SLO));

    // ceil(200 / 17)
    assertThat(result.replicas()).isEqualTo(12);
    assertThat(result.dollarsPerHourAtPeak()).isCloseTo(12 * 1.00, within(1e-9));
    assertThat(result.dollarsPerHourAtIdle()).isZero();
  }

  @Test
  void replicasForAPeakRateCoverItAtTheSlo() {
    SizingResult result = Sizing.size(request("llama-3.1-8b", "h100", 1, 0, 40, SLO));

    assertThat(result.ratePerReplica()).isPositive();
    assertThat(result.replicas() * result.ratePerReplica()).isGreaterThanOrEqualTo(40);
    assertThat((result.replicas() - 1) * result.ratePerReplica()).isLessThan(40);
    // a million tokens cost the replica's hourly price over its hourly throughput in millions
    double tokensPerHour = result.ratePerReplica() * 1250 * 3600;
    assertThat(result.dollarsPerMillionTokens())
        .isCloseTo(6.98 / tokensPerHour * 1e6, within(1e-9));
  }

  @Test
  void anSloNoReplicaCanMeetIsAnError() {
    SloTargets tooTight = new SloTargets(0.01, 0.1, 0.99);

    assertThatThrownBy(() -> Sizing.size(request("llama-3.1-8b", "a10", 1, 0, 5, tooTight)))
        .isInstanceOf(SizingException.class)
        .hasMessageContaining("is out of reach for llama-3.1-8b on 1 x a10")
        .hasMessageContaining("a lone request of 1000 prompt tokens takes");
  }

  @Test
  void breakEvenReproducesTheReferenceWorkedExample() {
    // Mistral 7B against GPT-4o-mini: 500 prompt + 300 output tokens, $0.15 / $0.60 per million,
    // a $1.20/h GPU at 3,000 tokens/s, $8.88 a day of system nodes
    double api = BreakEven.apiCostPerRequest(500, 300, 0.15, 0.60);
    double self = BreakEven.selfHostedCostPerRequest(500, 300, 1.20, 3000);

    assertThat(api).isCloseTo(0.000255, within(1e-12));
    assertThat(self).isCloseTo(0.0000888889, within(1e-10));
    assertThat(BreakEven.requestsPerDay(8.88, api, self)).isCloseTo(53_458, within(1.0));
    assertThat(BreakEven.requestsPerDay(8.88, self / 2, self)).isInfinite();
  }
}
