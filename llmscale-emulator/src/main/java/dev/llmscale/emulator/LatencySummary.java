package dev.llmscale.emulator;

/**
 * A latency distribution since the server started; all values in seconds.
 *
 * @param count observations
 * @param sumSeconds their total
 */
public record LatencySummary(
    long count, double sumSeconds, double p50, double p90, double p99, double p999, double max) {}
