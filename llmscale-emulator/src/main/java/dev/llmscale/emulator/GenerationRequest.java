package dev.llmscale.emulator;

import dev.llmscale.openai.ApiKind;

/**
 * A validated generation request, tokenized and sized, ready for the engine.
 *
 * @param model the served model name it addressed
 * @param stream answer with SSE events rather than one JSON body
 * @param includeUsage send a usage event before {@code [DONE]} ({@code stream_options})
 * @param promptTokens prompt length in tokens (rendered through the chat template for chat)
 * @param blockHashes chained hashes of the prompt's full KV blocks, for prefix caching
 * @param maxTokens output tokens the engine generates
 * @param endsWithStop the last token is a stop token (no {@code max_tokens} given): finish reason
 *     {@code stop} rather than {@code length}
 */
record GenerationRequest(
    ApiKind kind,
    String model,
    boolean stream,
    boolean includeUsage,
    int promptTokens,
    long[] blockHashes,
    int maxTokens,
    boolean endsWithStop) {}
