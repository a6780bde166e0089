package dev.llmscale.sim.fleet;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;
import java.util.Locale;

/**
 * A performance model with a CPU cost per decoding sequence added to every step: the scheduling,
 * sampling, detokenisation and streaming work a serving stack does for each running request, which
 * the roofline model does not see. For small models it is what bounds throughput (docs/
 * calibration.md: the roofline puts Qwen3-0.6B's saturation on an H100 at 237 req/s where vLLM
 * reaches 95). {@code decode step = base step + perSequenceSeconds × decoding sequences}.
 */
public record PerSequenceOverhead(PerformanceModel base, double perSequenceSeconds)
    implements PerformanceModel {

  public PerSequenceOverhead {
    if (base == null) {
      throw new IllegalArgumentException("a base performance model is required");
    }
    if (!(perSequenceSeconds >= 0) || Double.isInfinite(perSequenceSeconds)) {
      throw new IllegalArgumentException(
          "engine.perSequenceOverhead must be >= 0: " + perSequenceSeconds + " s");
    }
  }

  @Override
  public double stepSeconds(StepShape step) {
    return base.stepSeconds(step) + perSequenceSeconds * step.decodeSequences();
  }

  @Override
  public double requestOverheadSeconds() {
    return base.requestOverheadSeconds();
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s + %.3g ms per decoding sequence per step",
        base.describe(),
        perSequenceSeconds * 1e3);
  }
}
