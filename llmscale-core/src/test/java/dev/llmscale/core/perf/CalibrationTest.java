package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calibration table of {@code docs/calibration.md}, row for row: each prediction of the shipped
 * defaults must equal the documented one (so the document stays true) and, where the row is a
 * calibration target, be within the documented error of the published figure.
 */
class CalibrationTest {

  private static final Catalog CATALOG = Catalog.builtIn();
  private static final GpuSpec H100 = CATALOG.gpu("h100");
  private static final PerformanceModel LLAMA_8B =
      new RooflinePerformanceModel(CATALOG.model("llama-3.1-8b"), H100);
  private static final PerformanceModel QWEN3_06B =
      new RooflinePerformanceModel(CATALOG.model("qwen3-0.6b"), H100);
  private static final PerformanceModel POLYNOMIAL = PolynomialPerformanceModel.LLAMA_8B_H100;

  /** Context per sequence assumed for the published decode ITLs (see docs/calibration.md). */
  private static final int DECODE_CONTEXT = 1024;

  private static final int VLLM_MAX_NUM_SEQS = 256;

  @ParameterizedTest(name = "{0}: published {1}, roofline {2} (max error {3} %)")
  @CsvSource(
      nullValues = "-",
      value = {
        // case,                published, documented roofline, max |error| %
        "prefill-ttft-1024,      32,        28.89,  25",
        "prefill-ttft-4096,      86,        92.48,  25",
        "prefill-ttft-8192,      169,       186.43, 25",
        "decode-itl-batch-1,     6.5,       7.687,  25",
        "decode-itl-batch-16,    11,        8.395,  25",
        "decode-itl-batch-250,   16,        19.44,  25",
        "qwen-tpot-at-15.9,      2.39,      2.667,  40",
        "qwen-tpot-at-94.9,      5.45,      3.555,  40",
        "qwen-ttft-at-15.9,      38.9,      11.34,  -",
        "qwen-max-rate,          94.9,      236.5,  -",
      })
  void rooflineDefaultsMatchTheDocumentedCalibration(
      String calibrationCase, double published, double documented, Double maxErrorPercent) {
    double predicted = roofline(calibrationCase);

    assertThat(predicted)
        .as("documented prediction")
        .isCloseTo(documented, within(0.01 * documented));
    if (maxErrorPercent != null) {
      assertThat(100 * Math.abs(predicted / published - 1))
          .as("error against the published %s", published)
          .isLessThanOrEqualTo(maxErrorPercent);
    }
  }

  @ParameterizedTest(name = "{0}: published {1}, polynomial {2} (max error {3} %)")
  @CsvSource({
    "prefill-ttft-1024,    32,  32.49, 2",
    "prefill-ttft-4096,    86,  85.76, 1",
    "prefill-ttft-8192,    169, 169.1, 1",
    "decode-itl-batch-1,   6.5, 7.916, 22",
    "decode-itl-batch-16,  11,  8.614, 22",
    "decode-itl-batch-250, 16,  19.49, 22",
  })
  void polynomialDefaultsMatchTheDocumentedCalibration(
      String calibrationCase, double published, double documented, double maxErrorPercent) {
    double predicted = singleStepMillis(POLYNOMIAL, calibrationCase);

    assertThat(predicted)
        .as("documented prediction")
        .isCloseTo(documented, within(0.01 * documented));
    assertThat(100 * Math.abs(predicted / published - 1)).isLessThanOrEqualTo(maxErrorPercent);
  }

  /** Milliseconds, or requests/s for the throughput case. */
  private static double roofline(String calibrationCase) {
    if (!calibrationCase.startsWith("qwen-")) {
      return singleStepMillis(LLAMA_8B, calibrationCase);
    }
    return switch (calibrationCase) {
      case "qwen-tpot-at-15.9" -> SteadyState.at(QWEN3_06B, 15.9, 512, 128).tpotSeconds() * 1e3;
      case "qwen-tpot-at-94.9" -> SteadyState.at(QWEN3_06B, 94.9, 512, 128).tpotSeconds() * 1e3;
      case "qwen-ttft-at-15.9" -> SteadyState.at(QWEN3_06B, 15.9, 512, 128).ttftSeconds() * 1e3;
      case "qwen-max-rate" -> SteadyState.maxRate(QWEN3_06B, 512, 128, VLLM_MAX_NUM_SEQS);
      default -> throw new IllegalArgumentException(calibrationCase);
    };
  }

  /** TTFT at concurrency 1 ({@code prefill-ttft-N}) or decode ITL ({@code decode-itl-batch-B}). */
  private static double singleStepMillis(PerformanceModel model, String calibrationCase) {
    int value = Integer.parseInt(calibrationCase.substring(calibrationCase.lastIndexOf('-') + 1));
    double seconds =
        calibrationCase.startsWith("prefill-ttft-")
            ? model.requestOverheadSeconds() + model.stepSeconds(StepShape.prefill(value))
            : model.stepSeconds(StepShape.decode(value, DECODE_CONTEXT));
    return seconds * 1e3;
  }
}
