package dev.llmscale.core.engine;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;

/** A step takes a fixed time plus a cost per token, so tests can predict every timestamp. */
record LinearStepModel(double fixedSeconds, double perTokenSeconds, double requestOverheadSeconds)
    implements PerformanceModel {
  static final LinearStepModel TEN_MS = new LinearStepModel(0.010, 0.0);

  LinearStepModel(double fixedSeconds, double perTokenSeconds) {
    this(fixedSeconds, perTokenSeconds, 0.0);
  }

  @Override
  public double stepSeconds(StepShape step) {
    return fixedSeconds + perTokenSeconds * (step.prefillTokens() + step.decodeSequences());
  }

  @Override
  public String describe() {
    return "linear " + fixedSeconds + " s + " + perTokenSeconds + " s/token";
  }
}
