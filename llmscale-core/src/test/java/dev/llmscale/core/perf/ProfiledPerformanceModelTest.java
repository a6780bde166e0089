package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfiledPerformanceModelTest {

  /** The sample profile (see src/test/resources/.../llama-8b-h100-sample.profile). */
  private static final ProfiledPerformanceModel SAMPLE =
      ProfiledPerformanceModel.load(ProfileTableTest.samplePath());

  @ParameterizedTest(name = "ttft({0}) = {1}")
  @CsvSource({"128, 18.5", "1024, 32.5", "4096, 85.8", "8192, 169.1"})
  void ttftReproducesEveryMeasuredPoint(int tokens, double millis) {
    assertThat(SAMPLE.ttftMillis(tokens)).isCloseTo(millis, within(1e-9));
  }

  @ParameterizedTest(name = "ttft({0}) = {1}")
  @CsvSource({
    "2000, 40", // between the points
    "5000, 70", // past the end along the last segment
    "0,    20", // below the first point along the first segment
  })
  void withTwoPointsTtftIsPiecewiseLinear(int tokens, double millis) {
    String text =
        ProfileTable.MAGIC
            + "\n[prefill]\ninput_tokens,ttft_ms\n1000,30\n3000,50\n"
            + "[decode]\nbatch,context_tokens,itl_ms\n1,1024,6.5\n";
    ProfiledPerformanceModel model = ProfiledPerformanceModel.parse(text, "two points");

    assertThat(model.ttftMillis(tokens)).isCloseTo(millis, within(1e-9));
    assertThat(model.requestOverheadSeconds() * 1e3).isCloseTo(20 - 6.5, within(1e-9));
  }

  @ParameterizedTest(name = "ttft({0}) ~ {1}")
  @CsvSource({"2560, 58.13", "16384, 378.28", "32768, 966.08"})
  void fourRoundedSamplesOfDynamosCurveRecoverItsAttentionCurvature(int tokens, double dynamo) {
    // the sample's prefill rows are Dynamo's polynomial rounded to 0.1 ms
    assertThat(SAMPLE.ttftMillis(tokens)).isCloseTo(dynamo, within(0.01 * dynamo));
  }

  @ParameterizedTest(name = "itl(batch {0}, context {1}) = {2}")
  @CsvSource({
    "16,  1024,  7.2", // measured
    "40,  1024,  8.1", // between batches
    "128, 1024,  11.4", // past the largest batch
    "1,   100,   6.5", // held below the smallest context
    "1,   4608,  6.7", // halfway between contexts
    "64,  4608,  18.5",
    "16,  8192,  11.923809523809524", // along batch 1..64 at context 8192
    "64,  15360, 47.0", // past the largest context along the last segment
  })
  void itlIsInterpolatedInBatchThenContext(int batch, double context, double millis) {
    assertThat(SAMPLE.itlMillis(batch, context)).isCloseTo(millis, within(1e-9));
  }

  @Test
  void requestOverheadIsTtftAtZeroTokensLessTheMinimalStep() {
    // Dynamo's constant 16.5 ms less the 6.5 ms batch-1 ITL, from rounded samples
    assertThat(SAMPLE.requestOverheadSeconds() * 1e3).isCloseTo(10.0, within(0.1));
  }

  @ParameterizedTest(name = "{0} tokens")
  @CsvSource({"128", "1024", "4096", "8192"})
  void overheadPlusPrefillStepIsTheMeasuredTtft(int tokens) {
    double ttft = SAMPLE.requestOverheadSeconds() + SAMPLE.stepSeconds(StepShape.prefill(tokens));
    assertThat(ttft * 1e3).isCloseTo(SAMPLE.ttftMillis(tokens), within(1e-9));
  }

  @Test
  void aDeclaredRequestOverheadIsUsedAsIs() {
    String text =
        ProfileTable.MAGIC
            + "\nrequest_overhead_ms=12\n[prefill]\ninput_tokens,ttft_ms\n1024,32.5\n4096,85.8\n"
            + "[decode]\nbatch,context_tokens,itl_ms\n1,1024,6.5\n";
    ProfiledPerformanceModel model = ProfiledPerformanceModel.parse(text, "declared");

    assertThat(model.requestOverheadSeconds()).isEqualTo(0.012);
    assertThat(model.stepSeconds(StepShape.prefill(1024)) * 1e3).isCloseTo(20.5, within(1e-9));
  }

  @Test
  void mixedStepsAddThePrefillsMarginalCostToTheDecodeStep() {
    StepShape mixed = new StepShape(1024, 1024 * 1024 / 2.0, 16, 16 * 1024L);

    double overhead = SAMPLE.requestOverheadSeconds() * 1e3;

    // decode at batch 16 + (ttft 32.5 - overhead - minimal step 6.5)
    assertThat(SAMPLE.stepSeconds(mixed) * 1e3)
        .isCloseTo(7.2 + 32.5 - overhead - 6.5, within(1e-9));
  }

  @Test
  void chunksAttendingToEarlierChunksCostMore() {
    StepShape fresh = StepShape.prefill(1024);
    StepShape lastChunkOf8k = new StepShape(1024, 1024 * (7168 + 512.0), 0, 0);
    StepShape fourShortPrompts = new StepShape(1024, 4 * 256 * 256 / 2.0, 0, 0);

    assertThat(SAMPLE.stepSeconds(lastChunkOf8k)).isGreaterThan(SAMPLE.stepSeconds(fresh));
    assertThat(SAMPLE.stepSeconds(fourShortPrompts)).isLessThan(SAMPLE.stepSeconds(fresh));
  }

  @Test
  void isPositiveAndMonotone() {
    PerformanceModelContract.check(SAMPLE);
  }

  @Test
  void noisyMeasurementsNeverMakeMoreWorkFaster() {
    ProfileTable noisy =
        new ProfileTable(
            Map.of(),
            List.of(
                new ProfileTable.PrefillPoint(512, 20),
                new ProfileTable.PrefillPoint(1024, 19), // noise
                new ProfileTable.PrefillPoint(2048, 40)),
            List.of(
                new ProfileTable.DecodePoint(1, 512, 6),
                new ProfileTable.DecodePoint(8, 512, 5.5), // noise
                new ProfileTable.DecodePoint(1, 2048, 5.8), // noise across contexts
                new ProfileTable.DecodePoint(8, 2048, 7)));
    ProfiledPerformanceModel model = new ProfiledPerformanceModel(noisy, "noisy");

    PerformanceModelContract.check(model);
    assertThat(model.ttftMillis(1024)).isGreaterThanOrEqualTo(model.ttftMillis(512));
    assertThat(model.itlMillis(8, 512)).isEqualTo(6);
    assertThat(model.itlMillis(1, 2048)).isEqualTo(6);
  }

  @Test
  void aSinglePointProfileIsConstant() {
    ProfiledPerformanceModel model =
        new ProfiledPerformanceModel(
            new ProfileTable(
                Map.of(),
                List.of(new ProfileTable.PrefillPoint(1000, 30)),
                List.of(new ProfileTable.DecodePoint(1, 1000, 5))),
            "one point");

    assertThat(model.ttftMillis(10)).isEqualTo(30);
    assertThat(model.itlMillis(100, 100_000)).isEqualTo(5);
    PerformanceModelContract.check(model);
  }

  @Test
  void writtenAndReparsedProfilesPredictTheSame() {
    ProfiledPerformanceModel reparsed =
        ProfiledPerformanceModel.parse(SAMPLE.table().toText(), "round-trip");
    List<StepShape> shapes =
        List.of(
            StepShape.prefill(300),
            StepShape.prefill(20_000),
            StepShape.decode(7, 3000),
            StepShape.decode(300, 9000),
            new StepShape(512, 512 * 2048.0, 33, 33 * 1500L));

    for (StepShape shape : shapes) {
      assertThat(reparsed.stepSeconds(shape)).isEqualTo(SAMPLE.stepSeconds(shape));
    }
    assertThat(reparsed.requestOverheadSeconds()).isEqualTo(SAMPLE.requestOverheadSeconds());
  }

  @Test
  void describeNamesSourceModelAndGpu() {
    assertThat(SAMPLE.describe())
        .contains("model meta-llama/Llama-3.1-8B-Instruct, gpu h100")
        .contains("4 prefill and 5 decode points, request overhead 10.05 ms");
  }

  @Test
  void quadraticFitRecoversAnExactQuadratic() {
    double[] xs = {100, 1000, 4000, 9000};
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = 3e-7 * xs[i] * xs[i] + 0.02 * xs[i] + 15;
    }
    assertThat(ProfiledPerformanceModel.quadraticCoefficient(xs, ys))
        .isCloseTo(3e-7, within(1e-15));
    assertThat(
            ProfiledPerformanceModel.quadraticCoefficient(new double[] {1, 2}, new double[] {1, 2}))
        .isZero();
  }
}
