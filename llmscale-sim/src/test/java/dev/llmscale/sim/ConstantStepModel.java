package dev.llmscale.sim;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;

/** Every step takes the same time: engine timing that a test can compute by hand. */
public record ConstantStepModel(double stepSeconds, double overheadSeconds)
    implements PerformanceModel {

  @Override
  public double stepSeconds(StepShape step) {
    return stepSeconds;
  }

  @Override
  public double requestOverheadSeconds() {
    return overheadSeconds;
  }

  @Override
  public String describe() {
    return "constant " + stepSeconds + " s per step";
  }
}
