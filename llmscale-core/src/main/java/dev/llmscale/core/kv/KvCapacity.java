package dev.llmscale.core.kv;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;

/**
 * How many KV blocks fit: GPU memory × {@code gpu_memory_utilization}, minus the weights and the
 * memory vLLM reserves for activations and the CUDA graph pool, divided by a block's bytes.
 */
public final class KvCapacity {
  /** Activation peak and CUDA graphs, per GPU; vLLM measures it, 1.5 GiB is typical for 8B. */
  public static final long DEFAULT_RESERVED_BYTES = 3L << 29;

  private KvCapacity() {}

  /**
   * KV blocks for a model sharded over {@code gpus} GPUs (tensor parallel).
   *
   * @throws IllegalArgumentException if the weights leave no room for even one block
   */
  public static int blocks(
      ModelSpec model,
      GpuSpec gpu,
      int gpus,
      double gpuMemoryUtilization,
      int blockSize,
      long reservedBytesPerGpu) {
    if (gpuMemoryUtilization <= 0 || gpuMemoryUtilization > 1) {
      throw new IllegalArgumentException(
          "gpu_memory_utilization must be in (0, 1]: " + gpuMemoryUtilization);
    }
    double usable = gpus * (gpu.memoryBytes() * gpuMemoryUtilization - reservedBytesPerGpu);
    double free = usable - model.weightBytes();
    long blockBytes = (long) blockSize * model.kvBytesPerToken();
    long blocks = (long) Math.floor(free / blockBytes);
    if (blocks < 1) {
      throw new IllegalArgumentException(
          String.format(
              "%s does not fit on %d x %s at gpu_memory_utilization %.2f: weights %.1f GiB,"
                  + " usable %.1f GiB",
              model.id(),
              gpus,
              gpu.id(),
              gpuMemoryUtilization,
              model.weightBytes() / GIB,
              usable / GIB));
    }
    return (int) Math.min(blocks, Integer.MAX_VALUE);
  }

  private static final double GIB = 1024.0 * 1024 * 1024;
}
