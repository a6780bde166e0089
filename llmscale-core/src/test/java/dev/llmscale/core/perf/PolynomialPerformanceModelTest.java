package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolynomialPerformanceModelTest {

  private static final PolynomialPerformanceModel DEFAULT =
      PolynomialPerformanceModel.LLAMA_8B_H100;

  /** Dynamo mocker: ms = 4.209989e-7·N² + 1.518344e-2·N + 16.50142. */
  @ParameterizedTest(name = "{0} tokens -> {1} ms")
  @CsvSource({
    "1,     16.5166038609989",
    "1000,  32.1058589",
    "1024,  32.4907119025664",
    "4096,  85.75597972106239",
    "8192,  169.1369184042496",
    "16384, 378.2779326569984",
  })
  void reproducesDynamoMockerPrefillExactly(int tokens, double dynamoMillis) {
    assertThat(DEFAULT.ttftMillis(tokens)).isCloseTo(dynamoMillis, within(1e-9));
    double ttft = DEFAULT.requestOverheadSeconds() + DEFAULT.stepSeconds(StepShape.prefill(tokens));
    assertThat(ttft * 1e3).as("overhead + prefill step").isCloseTo(dynamoMillis, within(1e-9));
  }

  @Test
  void theTtftConstantBeyondOneStepIsRequestOverhead() {
    assertThat(DEFAULT.requestOverheadSeconds() * 1e3).isCloseTo(16.50142 - 7.87, within(1e-9));
  }

  @ParameterizedTest(name = "batch {0}, context {1}")
  @CsvSource({
    "1,   1024,   7.916",
    "16,  16384,  8.614",
    "250, 256000, 19.492",
  })
  void decodeIsLinearInBatchAndContext(int batch, long context, double millis) {
    assertThat(DEFAULT.decodeMillis(batch, context)).isCloseTo(millis, within(1e-3));
  }

  @Test
  void mixedStepsPayOneFixedCostPlusBothVariableParts() {
    var model = new PolynomialPerformanceModel(1e-6, 0.01, 20, 5, 0.1, 1e-4);
    StepShape mixed = new StepShape(512, 512 * (1000 + 256.0), 10, 10_000);
    double expected =
        5 + 1e-6 * 2 * mixed.prefillAttention() + 0.01 * 512 + 0.1 * 10 + 1e-4 * 10_000;

    assertThat(model.stepSeconds(mixed) * 1e3).isCloseTo(expected, within(1e-9));
    assertThat(model.stepSeconds(StepShape.prefill(512)) * 1e3)
        .as("prefill-only: the smaller constant")
        .isCloseTo(5 + 1e-6 * 512 * 512 + 0.01 * 512, within(1e-9));
  }

  @Test
  void chunksLateInALongPromptCostMoreThanAFreshPromptOfTheSameSize() {
    StepShape fresh = StepShape.prefill(1024);
    StepShape lastChunkOf8k = new StepShape(1024, 1024 * (7168 + 512.0), 0, 0);

    assertThat(DEFAULT.stepSeconds(lastChunkOf8k)).isGreaterThan(DEFAULT.stepSeconds(fresh));
  }

  @Test
  void isPositiveAndMonotone() {
    PerformanceModelContract.check(DEFAULT);
    PerformanceModelContract.check(new PolynomialPerformanceModel(0, 0.01, 3, 10, 0.2, 0));
  }

  @ParameterizedTest
  @CsvSource({
    "-1e-7, 0.01, 16, 7, 0, 0",
    "0,     0.01, 0,  7, 0, 0",
    "0,     0.01, 16, 7, 0, -1",
    "0,     0.01, 16, 0, 0, 0",
  })
  void negativeOrMissingCoefficientsAreRejected(
      double a, double b, double c, double d0, double perSequence, double perToken) {
    assertThatThrownBy(() -> new PolynomialPerformanceModel(a, b, c, d0, perSequence, perToken))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
