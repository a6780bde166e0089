package dev.llmscale.openai;

import java.util.OptionalLong;

/**
 * The parts of a valid OpenAI generation request that serving and routing depend on.
 *
 * @param model the served model it goes to (the only one, when it names none)
 * @param stream answer with SSE events rather than one JSON body
 * @param includeUsage send a usage event before {@code [DONE]} ({@code stream_options})
 * @param ignoreEos generate past the stop token (vLLM's {@code ignore_eos})
 * @param prompt the prompt's token ids (rendered through the chat template for chat); for a batch
 *     of prompts, the first
 * @param maxTokens {@code max_completion_tokens} or {@code max_tokens}, when given (at least 1)
 */
public record OpenAiRequest(
    ApiKind kind,
    String model,
    boolean stream,
    boolean includeUsage,
    boolean ignoreEos,
    int[] prompt,
    OptionalLong maxTokens) {}
