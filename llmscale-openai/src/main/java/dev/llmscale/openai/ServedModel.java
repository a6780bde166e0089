package dev.llmscale.openai;

/**
 * A model a server answers for.
 *
 * @param id the name clients send as {@code model}
 * @param maxModelLen vLLM's {@code max_model_len}; 0 when unknown, leaving the check to the engine
 */
public record ServedModel(String id, int maxModelLen) {}
