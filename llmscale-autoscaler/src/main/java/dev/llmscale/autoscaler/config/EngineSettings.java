package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import java.util.OptionalInt;

/**
 * The engine flags a user may override, starting at vLLM's defaults; {@link #resolve} derives the
 * KV cache and the context length for a model on a GPU as vLLM does. One builder for the planner's
 * {@code capacity.engine} and the local replicas' emulator {@code args}.
 */
final class EngineSettings {
  int maxNumSeqs = EngineConfig.DEFAULT_MAX_NUM_SEQS;
  int maxNumBatchedTokens = EngineConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS;
  int blockSize = EngineConfig.DEFAULT_BLOCK_SIZE;
  OptionalInt maxModelLen = OptionalInt.empty();
  double gpuMemoryUtilization = 0.9;
  boolean prefixCaching = true;
  boolean chunkedPrefill = true;
  int longPrefillTokenThreshold;

  /**
   * @throws IllegalArgumentException if the model does not fit or the limits contradict each other
   */
  EngineConfig resolve(ModelSpec model, GpuSpec gpu, int tensorParallel) {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("block size must be > 0: " + blockSize);
    }
    int blocks =
        KvCapacity.blocks(
            model,
            gpu,
            tensorParallel,
            gpuMemoryUtilization,
            blockSize,
            KvCapacity.DEFAULT_RESERVED_BYTES);
    long kvTokens = (long) blocks * blockSize;
    int contextLength = maxModelLen.orElse((int) Math.min(model.maxContext(), kvTokens));
    if (contextLength > model.maxContext()) {
      throw new IllegalArgumentException(
          "max model length "
              + contextLength
              + " exceeds "
              + model.id()
              + "'s context of "
              + model.maxContext()
              + " tokens");
    }
    return new EngineConfig(
        maxNumSeqs,
        maxNumBatchedTokens,
        blockSize,
        contextLength,
        blocks,
        prefixCaching,
        chunkedPrefill,
        longPrefillTokenThreshold);
  }
}
