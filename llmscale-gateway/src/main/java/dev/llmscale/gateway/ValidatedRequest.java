package dev.llmscale.gateway;

import dev.llmscale.openai.ApiKind;

/**
 * A generation request that passed validation, with what routing and metrics need. The body is
 * forwarded to the replica unchanged.
 *
 * @param model the served model the request names (or the only one, when it names none)
 * @param promptTokens prompt length as the gateway's tokenizer counts it
 * @param blockHashes chained hashes of the prompt's full KV blocks, for prefix-aware routing
 * @param body the request body as the client sent it
 */
record ValidatedRequest(
    ApiKind kind,
    String model,
    boolean stream,
    int promptTokens,
    long[] blockHashes,
    byte[] body) {}
