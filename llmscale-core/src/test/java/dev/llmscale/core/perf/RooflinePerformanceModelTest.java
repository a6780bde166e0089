package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RooflinePerformanceModelTest {

  private static final Catalog CATALOG = Catalog.builtIn();
  private static final ModelSpec LLAMA_8B = CATALOG.model("llama-3.1-8b");
  private static final GpuSpec H100 = CATALOG.gpu("h100");
  private static final RooflineEfficiency IDEAL = new RooflineEfficiency(1, 1, 0, 0, 0, 1e12);

  @ParameterizedTest(name = "{0} on {1} x{2}")
  @CsvSource({
    "qwen3-0.6b,    t4,        1",
    "qwen3-0.6b,    h100,      1",
    "llama-3.1-8b,  a10,       1",
    "llama-3.1-8b,  h100,      1",
    "qwen2.5-7b,    a100-80gb, 1",
    "mistral-7b,    h200,      1",
    "llama-3.3-70b, h100,      4",
    "llama-3.3-70b, a100-80gb, 8",
    "llama-3.3-70b, h200,      16",
  })
  void everyCatalogCombinationIsPositiveAndMonotone(String model, String gpu, int tensorParallel) {
    PerformanceModelContract.check(
        new RooflinePerformanceModel(
            CATALOG.model(model), CATALOG.gpu(gpu), RooflineEfficiency.DEFAULT, tensorParallel));
  }

  @Test
  void decodeAtBatchOneIsReadingTheWeightsOnce() {
    var model = new RooflinePerformanceModel(LLAMA_8B, H100, IDEAL, 1);
    double bytes = LLAMA_8B.weightBytes() + 2.0 * LLAMA_8B.kvBytesPerToken(); // + KV read + write

    assertThat(model.stepSeconds(StepShape.decode(1, 1))).isCloseTo(bytes / 3.35e12, within(1e-12));
    assertThat(model.memorySeconds(StepShape.decode(1, 1)))
        .isGreaterThan(100 * model.computeSeconds(StepShape.decode(1, 1)));
  }

  @Test
  void longPrefillIsComputeBoundAtTwoFlopsPerParameterPlusAttention() {
    var model = new RooflinePerformanceModel(LLAMA_8B, H100, IDEAL, 1);
    int n = 8192;
    double flops = 2.0 * LLAMA_8B.parameters() * n + 4.0 * 32 * 32 * 128 * (n * (double) n / 2);

    assertThat(model.stepSeconds(StepShape.prefill(n))).isCloseTo(flops / 989e12, within(1e-12));
  }

  @ParameterizedTest(name = "batch {0}")
  @CsvSource({"1", "64", "256"})
  void efficienciesAndOverheadScaleTheIdealTime(int batch) {
    var ideal = new RooflinePerformanceModel(LLAMA_8B, H100, IDEAL, 1);
    var real =
        new RooflinePerformanceModel(
            LLAMA_8B, H100, new RooflineEfficiency(0.5, 0.5, 1e-3, 0, 0, 1e12), 1);
    StepShape step = StepShape.decode(batch, 2048);

    assertThat(real.stepSeconds(step)).isCloseTo(1e-3 + 2 * ideal.stepSeconds(step), within(1e-12));
  }

  @Test
  void tensorParallelismSplitsTheWorkButAddsAllReduces() {
    ModelSpec llama70 = CATALOG.model("llama-3.3-70b");
    var one = new RooflinePerformanceModel(llama70, H100, RooflineEfficiency.DEFAULT, 1);
    var four = new RooflinePerformanceModel(llama70, H100, RooflineEfficiency.DEFAULT, 4);
    StepShape decode = StepShape.decode(32, 2048);

    assertThat(four.memorySeconds(decode)).isCloseTo(one.memorySeconds(decode) / 4, within(1e-9));
    assertThat(four.computeSeconds(decode)).isCloseTo(one.computeSeconds(decode) / 4, within(1e-9));
    assertThat(four.stepSeconds(decode))
        .as("160 all-reduces of ~10 us each")
        .isGreaterThan(
            RooflineEfficiency.DEFAULT.stepOverheadSeconds() + four.memorySeconds(decode) + 1.6e-3);
  }

  @Test
  void kvHeadsAreNotSplitBeyondTheirCount() {
    ModelSpec qwen7 = CATALOG.model("qwen2.5-7b"); // 4 KV heads
    var four = new RooflinePerformanceModel(qwen7, H100, IDEAL, 4);
    var eight = new RooflinePerformanceModel(qwen7, H100, IDEAL, 8);
    StepShape kvOnly = StepShape.decode(256, 32_768);
    double kvFour = four.memorySeconds(kvOnly) - qwen7.weightBytes() / 4.0 / 3.35e12;
    double kvEight = eight.memorySeconds(kvOnly) - qwen7.weightBytes() / 8.0 / 3.35e12;

    assertThat(kvEight).isCloseTo(kvFour, within(1e-12));
  }

  @Test
  void smallModelsAreDominatedByTheStepOverhead() {
    var qwen = new RooflinePerformanceModel(CATALOG.model("qwen3-0.6b"), H100);
    double overhead = RooflineEfficiency.DEFAULT.stepOverheadSeconds();

    assertThat(qwen.stepSeconds(StepShape.decode(1, 512))).isBetween(overhead, 1.5 * overhead);
  }

  @Test
  void describeNamesModelGpuAndParameters() {
    assertThat(new RooflinePerformanceModel(LLAMA_8B, H100).describe())
        .isEqualTo(
            "roofline llama-3.1-8b on h100 x1 (compute 0.85, memory 0.85 of peak;"
                + " step overhead 2.00 ms, request overhead 7.00 ms)");
  }

  @ParameterizedTest
  @CsvSource({
    "0,    0.9, 0,    0, 0, 1",
    "1.1,  0.9, 0,    0, 0, 1",
    "0.9,  0,   0,    0, 0, 1",
    "0.9,  0.9, -1,   0, 0, 1",
    "0.9,  0.9, 0,   -1, 0, 1",
    "0.9,  0.9, 0,    0, 0, 0",
  })
  void efficienciesOutsideTheirRangeAreRejected(
      double compute, double memory, double step, double request, double latency, double link) {
    assertThatThrownBy(() -> new RooflineEfficiency(compute, memory, step, request, latency, link))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tensorParallelDegreeMustBePositive() {
    assertThatThrownBy(
            () -> new RooflinePerformanceModel(LLAMA_8B, H100, RooflineEfficiency.DEFAULT, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
