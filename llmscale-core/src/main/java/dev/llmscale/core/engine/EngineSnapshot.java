package dev.llmscale.core.engine;

/**
 * The engine's gauges at one instant, as vLLM exports them.
 *
 * @param running requests holding KV blocks and taking part in steps
 * @param waiting requests queued for admission, including preempted ones
 * @param kvUsage fraction of KV blocks in use (0..1)
 * @param usedBlocks KV blocks referenced by running requests
 * @param totalBlocks KV blocks in the cache
 */
public record EngineSnapshot(
    int running, int waiting, double kvUsage, int usedBlocks, int totalBlocks) {}
