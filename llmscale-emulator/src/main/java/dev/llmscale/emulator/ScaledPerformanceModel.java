package dev.llmscale.emulator;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;

/**
 * A performance model run {@code speedUp} times faster: the emulator feeds the scheduler wall-clock
 * nanoseconds, so dividing the step time here makes the whole engine (and every latency it reports)
 * run faster in wall time.
 */
record ScaledPerformanceModel(PerformanceModel base, double speedUp) implements PerformanceModel {

  static PerformanceModel of(PerformanceModel base, double speedUp) {
    return speedUp == 1.0 ? base : new ScaledPerformanceModel(base, speedUp);
  }

  @Override
  public double stepSeconds(StepShape step) {
    return base.stepSeconds(step) / speedUp;
  }

  @Override
  public double requestOverheadSeconds() {
    return base.requestOverheadSeconds() / speedUp;
  }

  @Override
  public String describe() {
    return base.describe() + ", sped up x" + speedUp;
  }
}
