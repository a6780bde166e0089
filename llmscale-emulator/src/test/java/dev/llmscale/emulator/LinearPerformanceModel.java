package dev.llmscale.emulator;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;

/**
 * A step costs a fixed time plus a time per computed token, and every request a fixed overhead
 * before its first step: predictable timing for tests (the gateway's too, through the test-jar).
 */
public record LinearPerformanceModel(
    double fixedSeconds, double perTokenSeconds, double overheadSeconds)
    implements PerformanceModel {

  public LinearPerformanceModel(double fixedSeconds, double perTokenSeconds) {
    this(fixedSeconds, perTokenSeconds, 0);
  }

  public static LinearPerformanceModel fixed(double stepSeconds) {
    return new LinearPerformanceModel(stepSeconds, 0);
  }

  @Override
  public double stepSeconds(StepShape step) {
    return fixedSeconds + perTokenSeconds * (step.prefillTokens() + step.decodeSequences());
  }

  @Override
  public double requestOverheadSeconds() {
    return overheadSeconds;
  }

  @Override
  public String describe() {
    return "linear " + fixedSeconds + " s + " + perTokenSeconds + " s/token";
  }
}
