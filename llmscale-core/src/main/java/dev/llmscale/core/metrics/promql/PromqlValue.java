package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Sample;
import java.util.List;

/** What an instant query yields: a scalar or an instant vector. */
public sealed interface PromqlValue {

  record Scalar(double value) implements PromqlValue {}

  /**
   * @param samples one element per series, sorted by labels; empty when nothing matched
   */
  record InstantVector(List<Sample> samples) implements PromqlValue {
    public InstantVector {
      samples = List.copyOf(samples);
    }
  }
}
