package dev.llmscale.core.perf;

/**
 * Engine-only steady state of a fixed-shape workload (every request {@code in} prompt tokens,
 * {@code out} output tokens) arriving as a Poisson stream, used to hold a step model against
 * published serving benchmarks, which are system-level figures.
 *
 * <p>Reasoning: with mean step time {@code T}, Little's law gives {@code B = rate·(out−1)·T}
 * sequences decoding, each with mean context {@code in + out/2}; {@code k ~ Poisson(rate·T)}
 * prompts arrive per step and are prefilled whole in the next one. {@code T} is the mean over
 * {@code k} of the step time (decode batch plus {@code k} prompts), solved by fixed-point
 * iteration; TPOT is {@code T}. TTFT is the request overhead, plus waiting for the running step
 * (mean residual {@code E[s²]/2E[s]}), plus the step that carries the request's own prompt and the
 * {@code k} others.
 *
 * @param tpotSeconds mean time per output token
 * @param ttftSeconds mean time to first token
 * @param runningSequences mean number of sequences decoding
 */
record SteadyState(double tpotSeconds, double ttftSeconds, double runningSequences) {

  private static final int MAX_ARRIVALS_PER_STEP = 60;

  /** The steady state at {@code rate} requests/s, or null if the engine cannot keep up. */
  static SteadyState at(PerformanceModel model, double rate, int in, int out) {
    double contextPerSequence = in + out / 2.0;
    double step = model.stepSeconds(StepShape.decode(1, in));
    for (int iteration = 0; iteration < 500; iteration++) {
      double batch = rate * (out - 1) * step;
      double mean = moments(model, rate * step, 0, in, batch, contextPerSequence)[0];
      if (mean > 10.0) {
        return null; // diverging: arrivals outpace the engine
      }
      step = 0.5 * step + 0.5 * mean;
    }
    double batch = rate * (out - 1) * step;
    double[] moments = moments(model, rate * step, 0, in, batch, contextPerSequence);
    double[] withOwnPrompt = moments(model, rate * step, 1, in, batch, contextPerSequence);
    double ttft = model.requestOverheadSeconds() + moments[1] / (2 * moments[0]) + withOwnPrompt[0];
    return new SteadyState(step, ttft, batch);
  }

  /**
   * The highest rate the engine sustains with at most {@code maxNumSeqs} sequences running (vLLM's
   * {@code max_num_seqs}).
   */
  static double maxRate(PerformanceModel model, int in, int out, int maxNumSeqs) {
    double lo = 0.1;
    double hi = 10_000;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      SteadyState s = at(model, mid, in, out);
      if (s != null && s.runningSequences() <= maxNumSeqs) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {E[s], E[s²]} of the step time over k ~ Poisson(meanArrivals) arriving prompts (+ extra). */
  private static double[] moments(
      PerformanceModel model,
      double meanArrivals,
      int extraPrompts,
      int in,
      double batch,
      double contextPerSequence) {
    int below = (int) Math.floor(batch);
    double fraction = batch - below;
    double probability = Math.exp(-meanArrivals);
    double first = 0;
    double second = 0;
    for (int k = 0; k < MAX_ARRIVALS_PER_STEP; k++) {
      int prompts = k + extraPrompts;
      // a fractional batch: interpolate between the two neighbouring whole batches
      double s =
          (1 - fraction) * step(model, prompts, in, below, contextPerSequence)
              + fraction * step(model, prompts, in, below + 1, contextPerSequence);
      first += probability * s;
      second += probability * s * s;
      probability *= meanArrivals / (k + 1);
    }
    return new double[] {first, second};
  }

  private static double step(
      PerformanceModel model, int prompts, int in, int sequences, double contextPerSequence) {
    return model.stepSeconds(
        new StepShape(
            prompts * in,
            prompts * (double) in * in / 2.0,
            sequences,
            Math.round(sequences * contextPerSequence)));
  }
}
