package dev.llmscale.core.engine;

/**
 * The limits of one engine replica, named as vLLM names its flags.
 *
 * @param maxNumSeqs most sequences running at once ({@code --max-num-seqs})
 * @param maxNumBatchedTokens token budget of one step ({@code --max-num-batched-tokens})
 * @param blockSize tokens per KV block ({@code --block-size})
 * @param maxModelLen longest prompt + output a request may have ({@code --max-model-len})
 * @param kvBlocks KV blocks in the cache (see {@code KvCapacity})
 * @param prefixCaching reuse cached prompt blocks ({@code --enable-prefix-caching})
 * @param chunkedPrefill split long prompts across steps ({@code --enable-chunked-prefill}); when
 *     off, a prompt that does not fit the remaining budget waits for the next step
 * @param longPrefillTokenThreshold cap on one request's prefill chunk per step so long prompts do
 *     not starve short ones ({@code --long-prefill-token-threshold}); 0 means no cap
 */
public record EngineConfig(
    int maxNumSeqs,
    int maxNumBatchedTokens,
    int blockSize,
    int maxModelLen,
    int kvBlocks,
    boolean prefixCaching,
    boolean chunkedPrefill,
    int longPrefillTokenThreshold) {

  public static final int DEFAULT_MAX_NUM_SEQS = 256;
  public static final int DEFAULT_MAX_NUM_BATCHED_TOKENS = 8192;
  public static final int DEFAULT_BLOCK_SIZE = 16;

  public EngineConfig {
    requirePositive("max_num_seqs", maxNumSeqs);
    requirePositive("max_num_batched_tokens", maxNumBatchedTokens);
    requirePositive("block_size", blockSize);
    requirePositive("max_model_len", maxModelLen);
    requirePositive("KV blocks", kvBlocks);
    if (longPrefillTokenThreshold < 0) {
      throw new IllegalArgumentException(
          "long_prefill_token_threshold must be >= 0: " + longPrefillTokenThreshold);
    }
    if ((long) kvBlocks * blockSize < maxModelLen) {
      throw new IllegalArgumentException(
          "max_model_len ("
              + maxModelLen
              + ") is larger than the KV cache can hold ("
              + (long) kvBlocks * blockSize
              + " tokens): lower max_model_len or raise gpu_memory_utilization");
    }
    if (!chunkedPrefill && maxNumBatchedTokens < maxModelLen) {
      throw new IllegalArgumentException(
          "without chunked prefill, max_num_batched_tokens ("
              + maxNumBatchedTokens
              + ") must be >= max_model_len ("
              + maxModelLen
              + ")");
    }
  }

  /** vLLM's defaults for the given context length and KV capacity. */
  public static EngineConfig defaults(int maxModelLen, int kvBlocks) {
    return new EngineConfig(
        DEFAULT_MAX_NUM_SEQS,
        DEFAULT_MAX_NUM_BATCHED_TOKENS,
        DEFAULT_BLOCK_SIZE,
        maxModelLen,
        kvBlocks,
        true,
        true,
        0);
  }

  public EngineConfig withMaxNumSeqs(int value) {
    return new EngineConfig(
        value,
        maxNumBatchedTokens,
        blockSize,
        maxModelLen,
        kvBlocks,
        prefixCaching,
        chunkedPrefill,
        longPrefillTokenThreshold);
  }

  public EngineConfig withMaxNumBatchedTokens(int value) {
    return new EngineConfig(
        maxNumSeqs,
        value,
        blockSize,
        maxModelLen,
        kvBlocks,
        prefixCaching,
        chunkedPrefill,
        longPrefillTokenThreshold);
  }

  public EngineConfig withKvBlocks(int value) {
    return new EngineConfig(
        maxNumSeqs,
        maxNumBatchedTokens,
        blockSize,
        maxModelLen,
        value,
        prefixCaching,
        chunkedPrefill,
        longPrefillTokenThreshold);
  }

  public EngineConfig withPrefixCaching(boolean value) {
    return new EngineConfig(
        maxNumSeqs,
        maxNumBatchedTokens,
        blockSize,
        maxModelLen,
        kvBlocks,
        value,
        chunkedPrefill,
        longPrefillTokenThreshold);
  }

  public EngineConfig withChunkedPrefill(boolean value) {
    return new EngineConfig(
        maxNumSeqs,
        maxNumBatchedTokens,
        blockSize,
        maxModelLen,
        kvBlocks,
        prefixCaching,
        value,
        longPrefillTokenThreshold);
  }

  public EngineConfig withLongPrefillTokenThreshold(int value) {
    return new EngineConfig(
        maxNumSeqs,
        maxNumBatchedTokens,
        blockSize,
        maxModelLen,
        kvBlocks,
        prefixCaching,
        chunkedPrefill,
        value);
  }

  /** Tokens the KV cache can hold. */
  public long kvTokens() {
    return (long) kvBlocks * blockSize;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }
}
