package dev.llmscale.core.sizing;

import java.util.Locale;

/**
 * vLLM's two sizing flags for a workload's p95 request.
 *
 * <ul>
 *   <li>{@code max-model-len}: twice the p95 request (prompt plus output), rounded up to a power of
 *       two, within the model's context and the KV cache: room for the tail without reserving KV
 *       for contexts the application never sends.
 *   <li>{@code max-num-seqs}: as many p95 requests as the KV cache holds at once, at most 1,024
 *       (beyond that the step's CPU work, not memory, limits a replica); at least one.
 * </ul>
 *
 * @param maxModelLen recommended {@code --max-model-len}
 * @param maxNumSeqs recommended {@code --max-num-seqs}
 * @param fullLengthSequences sequences of {@code maxModelLen} tokens the cache holds at once
 */
public record EngineLimits(int maxModelLen, int maxNumSeqs, long fullLengthSequences) {
  static final int MAX_NUM_SEQS_CAP = 1024;

  /**
   * @throws SizingException if the p95 request does not fit the model's context or the KV cache
   */
  public static EngineLimits recommend(
      MemoryPlan memory, int modelContext, int p95InputTokens, int p95OutputTokens) {
    if (p95InputTokens < 1 || p95OutputTokens < 1) {
      throw new SizingException("p95 prompt and output tokens must be >= 1");
    }
    long request = (long) p95InputTokens + p95OutputTokens;
    long ceiling = Math.min(modelContext, memory.kvTokens());
    if (request > ceiling) {
      throw new SizingException(
          String.format(
              Locale.ROOT,
              "a p95 request of %d tokens does not fit: the model's context is %d tokens and the"
                  + " KV cache holds %d",
              request,
              modelContext,
              memory.kvTokens()));
    }
    long wanted = Long.highestOneBit(Math.max(1, 2 * request - 1)) << 1;
    int maxModelLen = (int) Math.min(wanted, ceiling);
    long seqs = memory.kvTokens() / request;
    int maxNumSeqs = (int) Math.max(1, Math.min(MAX_NUM_SEQS_CAP, seqs));
    return new EngineLimits(maxModelLen, maxNumSeqs, memory.kvTokens() / maxModelLen);
  }
}
