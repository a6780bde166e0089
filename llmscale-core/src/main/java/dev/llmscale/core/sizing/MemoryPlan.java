package dev.llmscale.core.sizing;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.kv.KvCapacity;
import java.util.Locale;

/**
 * Where a replica's GPU memory goes, computed from the catalog rather than rules of thumb: weights
 * are {@code parameters × dtype bytes}, a token's KV cache {@code 2 · layers · kv_heads · head_dim
 * · dtype bytes} (K and V for every layer and KV head), and the KV cache gets what is left of
 * {@code memory × gpu_memory_utilization} after the weights and the activation reserve, as vLLM
 * allocates it ({@link KvCapacity}).
 *
 * @param gpus GPUs per replica (tensor-parallel degree)
 * @param gpuMemoryBytes memory of one GPU
 * @param usableBytes what vLLM may use on all of them: {@code gpus × (memory × utilization −
 *     reserve)}
 * @param weightBytes the model's weights, all shards together
 * @param kvBytesPerToken KV cache of one token, all shards together
 * @param kvBlocks KV blocks that fit
 * @param blockSize tokens per block
 */
public record MemoryPlan(
    int gpus,
    long gpuMemoryBytes,
    double usableBytes,
    long weightBytes,
    long kvBytesPerToken,
    int kvBlocks,
    int blockSize) {

  private static final double GIB = 1024.0 * 1024 * 1024;

  /**
   * @throws SizingException if the weights leave no room for the KV cache
   */
  public static MemoryPlan of(
      ModelSpec model, GpuSpec gpu, int gpus, double gpuMemoryUtilization, int blockSize) {
    if (gpus < 1) {
      throw new SizingException("tensor parallel degree must be >= 1: " + gpus);
    }
    double usable =
        gpus * (gpu.memoryBytes() * gpuMemoryUtilization - KvCapacity.DEFAULT_RESERVED_BYTES);
    int blocks;
    try {
      blocks =
          KvCapacity.blocks(
              model, gpu, gpus, gpuMemoryUtilization, blockSize, KvCapacity.DEFAULT_RESERVED_BYTES);
    } catch (IllegalArgumentException e) {
      throw new SizingException(
          String.format(
              Locale.ROOT,
              "%s does not fit on %d x %s: its weights take %.1f GiB of the %.1f GiB vLLM may use"
                  + " at gpu_memory_utilization %.2f, leaving nothing for the KV cache; use more"
                  + " GPUs per replica (tensor parallel), a larger GPU or a quantized model",
              model.id(),
              gpus,
              gpu.id(),
              model.weightBytes() / GIB,
              usable / GIB,
              gpuMemoryUtilization));
    }
    return new MemoryPlan(
        gpus,
        gpu.memoryBytes(),
        usable,
        model.weightBytes(),
        model.kvBytesPerToken(),
        blocks,
        blockSize);
  }

  /** Tokens the KV cache holds. */
  public long kvTokens() {
    return (long) kvBlocks * blockSize;
  }

  public double kvBytes() {
    return (double) kvTokens() * kvBytesPerToken;
  }

  /** Weights as a share of the memory vLLM may use: above 0.7 the KV cache will be tight. */
  public double weightShare() {
    return weightBytes / usableBytes;
  }
}
