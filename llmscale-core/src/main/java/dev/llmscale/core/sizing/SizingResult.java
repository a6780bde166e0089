package dev.llmscale.core.sizing;

/**
 * A sizing: memory, engine flags, what one replica carries at the SLO, the fleet and its cost.
 *
 * @param memory where the GPU memory goes
 * @param limits recommended {@code max-model-len} and {@code max-num-seqs}
 * @param loneTtftSeconds TTFT of a lone mean request (request overhead plus its prefill)
 * @param loneItlSeconds ITL of a lone decoding request at the mean context
 * @param ratePerReplica requests per second one replica sustains within the SLO for the mean mix
 * @param replicas replicas at peak
 * @param dollarsPerHourAtPeak {@code replicas × gpus × price}
 * @param dollarsPerHourAtIdle {@code minReplicas × gpus × price}
 * @param dollarsPerMillionTokens GPU cost of a million prompt plus output tokens at a replica's
 *     capacity
 * @param apiDollarsPerRequest the API's price of a mean request, NaN without API prices
 * @param selfHostedDollarsPerRequest GPU cost of a mean request at a replica's capacity
 * @param breakEvenRequestsPerDay daily volume above which self-hosting is cheaper; infinite when it
 *     never is, NaN without API prices
 */
public record SizingResult(
    MemoryPlan memory,
    EngineLimits limits,
    double loneTtftSeconds,
    double loneItlSeconds,
    double ratePerReplica,
    int replicas,
    double dollarsPerHourAtPeak,
    double dollarsPerHourAtIdle,
    double dollarsPerMillionTokens,
    double apiDollarsPerRequest,
    double selfHostedDollarsPerRequest,
    double breakEvenRequestsPerDay) {}
