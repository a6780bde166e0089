package dev.llmscale.core.engine;

/**
 * Cumulative engine counters since start, with vLLM's meaning.
 *
 * @param promptTokens prompt tokens of requests that produced their first token
 * @param generationTokens output tokens produced
 * @param preemptions times a running request lost its KV blocks to make room
 * @param prefixCacheQueries prompt tokens looked up in the prefix cache
 * @param prefixCacheHits of those, tokens found cached
 * @param finishedLength requests that finished by reaching max_tokens
 * @param finishedStop requests that finished on a stop token
 * @param aborted requests cancelled before finishing
 * @param steps engine steps executed
 */
public record EngineCounters(
    long promptTokens,
    long generationTokens,
    long preemptions,
    long prefixCacheQueries,
    long prefixCacheHits,
    long finishedLength,
    long finishedStop,
    long aborted,
    long steps) {}
