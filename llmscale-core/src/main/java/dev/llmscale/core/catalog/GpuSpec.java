package dev.llmscale.core.catalog;

/**
 * One GPU type.
 *
 * @param id catalog key users type ({@code h100})
 * @param name marketing name ({@code NVIDIA H100 80GB SXM})
 * @param memoryBytes device memory
 * @param hbmBytesPerSecond peak memory bandwidth
 * @param bf16Flops peak dense bf16 (fp16 where no bf16) tensor throughput, FLOP/s
 * @param dollarsPerHour typical on-demand cloud price of one GPU
 */
public record GpuSpec(
    String id,
    String name,
    long memoryBytes,
    double hbmBytesPerSecond,
    double bf16Flops,
    double dollarsPerHour) {}
