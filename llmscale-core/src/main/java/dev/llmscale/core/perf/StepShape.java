package dev.llmscale.core.perf;

/**
 * What one engine step computes, the input of every {@link PerformanceModel}.
 *
 * @param prefillTokens prompt tokens computed in this step (the sum of all prefill chunks)
 * @param prefillAttention attention work of those chunks in token pairs: for each chunk of {@code
 *     c} tokens starting at offset {@code o} of its prompt, {@code c * (o + c / 2)}. A whole prompt
 *     of {@code N} tokens computed in one chunk contributes {@code N * N / 2}; this is what makes
 *     long prefills super-linear.
 * @param decodeSequences sequences that each generate one token in this step
 * @param contextTokens KV-cache tokens the decode sequences read (the sum of their context lengths)
 */
public record StepShape(
    int prefillTokens, double prefillAttention, int decodeSequences, long contextTokens) {

  public StepShape {
    if (prefillTokens < 0 || prefillAttention < 0 || decodeSequences < 0 || contextTokens < 0) {
      throw new IllegalArgumentException("step shape components must be >= 0: " + this);
    }
  }

  /** One prompt of {@code tokens} tokens computed from scratch in a single chunk. */
  public static StepShape prefill(int tokens) {
    return new StepShape(tokens, tokens * (double) tokens / 2.0, 0, 0);
  }

  /** {@code batch} sequences decoding one token each with {@code contextPerSequence} context. */
  public static StepShape decode(int batch, long contextPerSequence) {
    return new StepShape(0, 0, batch, batch * contextPerSequence);
  }

  public boolean isEmpty() {
    return prefillTokens == 0 && decodeSequences == 0;
  }
}
