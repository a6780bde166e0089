package dev.llmscale.core.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * A service's request lengths as observed (the gateway's logs, or the requests it saw before the
 * autoscaler started): what a capacity trial draws its requests from, so that the long prompts
 * which set the tail TTFT are in it, not only the mean request.
 *
 * <p>For a forecast {@link LoadShape} the mix is scaled so that its means are the shape's: each
 * sampled prompt is multiplied by {@code shape.input / meanInput} and each output by {@code
 * shape.output / meanOutput}. The mix's shape (its spread and tail relative to its mean) is kept;
 * its level follows the forecast.
 *
 * @param inputs prompt lengths, one per observed request
 * @param outputs output lengths, in the same order
 */
public record LengthMix(int[] inputs, int[] outputs) {

  public LengthMix {
    if (inputs.length == 0 || inputs.length != outputs.length) {
      throw new IllegalArgumentException(
          "a length mix needs as many outputs as inputs, at least one: "
              + inputs.length
              + " inputs, "
              + outputs.length
              + " outputs");
    }
    inputs = inputs.clone();
    outputs = outputs.clone();
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] < 1 || outputs[i] < 1) {
        throw new IllegalArgumentException(
            "a length mix needs lengths >= 1: request "
                + i
                + " has "
                + inputs[i]
                + "/"
                + outputs[i]);
      }
    }
  }

  @Override
  public int[] inputs() {
    return inputs.clone();
  }

  @Override
  public int[] outputs() {
    return outputs.clone();
  }

  public int size() {
    return inputs.length;
  }

  public double meanInput() {
    return Arrays.stream(inputs).average().orElseThrow();
  }

  public double meanOutput() {
    return Arrays.stream(outputs).average().orElseThrow();
  }

  int input(int i) {
    return inputs[i];
  }

  int output(int i) {
    return outputs[i];
  }

  /** The prompt length at quantile {@code q} (nearest rank). */
  public int inputQuantile(double q) {
    int[] sorted = inputs.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LengthMix other
        && Arrays.equals(inputs, other.inputs)
        && Arrays.equals(outputs, other.outputs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(inputs) + Arrays.hashCode(outputs);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d observed requests (ISL mean %.0f, p99 %d; OSL mean %.0f)",
        inputs.length,
        meanInput(),
        inputQuantile(0.99),
        meanOutput());
  }
}
