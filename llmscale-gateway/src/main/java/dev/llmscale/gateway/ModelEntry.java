package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One model as replicas list it in {@code /v1/models}.
 *
 * @param id the name clients send as {@code model}
 * @param maxModelLen vLLM's {@code max_model_len}, the smallest any replica reported; 0 if none did
 * @param card the model object as the first replica listed it (kept for {@code /v1/models})
 */
record ModelEntry(String id, int maxModelLen, ObjectNode card) {}
