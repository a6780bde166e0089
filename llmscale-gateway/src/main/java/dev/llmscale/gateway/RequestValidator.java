package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.kv.BlockHashes;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.OpenAiRequest;
import dev.llmscale.openai.PromptTokenizer;
import dev.llmscale.openai.RequestReader;
import dev.llmscale.openai.ServedModel;
import java.util.function.Supplier;

/**
 * Checks an OpenAI request body before any replica sees it, with the same checks and errors as the
 * emulator and vLLM ({@link RequestReader}), against the models the fleet serves; then hashes the
 * prompt's blocks for routing. What only an engine can judge (e.g. {@code n > 1}, images in chat
 * content, several prompts in one completion) passes through for the replica to accept or refuse.
 * Stateless and thread-safe; runs on the tokenizer pool.
 */
final class RequestValidator {
  private final RequestReader reader;
  private final int blockSize;

  RequestValidator(
      ObjectMapper mapper,
      PromptTokenizer tokenizer,
      int blockSize,
      Supplier<ModelCatalog> catalog,
      Supplier<String> noReplicasMessage) {
    this.reader =
        new RequestReader(
            mapper, tokenizer, requested -> served(catalog.get(), requested, noReplicasMessage));
    this.blockSize = blockSize;
  }

  /**
   * @throws ApiError with the answer the client should get
   */
  ValidatedRequest validate(ApiKind kind, byte[] body) {
    OpenAiRequest request = reader.read(kind, body);
    int[] prompt = request.prompt();
    return new ValidatedRequest(
        kind,
        request.model(),
        request.stream(),
        prompt.length,
        BlockHashes.ofTokens(prompt, blockSize),
        body);
  }

  private static ServedModel served(
      ModelCatalog models, String requested, Supplier<String> noReplicasMessage) {
    if (models.isEmpty()) {
      throw GatewayErrors.noReplicas(noReplicasMessage.get());
    }
    ModelEntry model;
    if (requested == null) {
      model = models.onlyModel(); // vLLM serves its one model when none is named
      if (model == null) {
        throw ApiError.missing("model");
      }
    } else {
      model = models.find(requested);
      if (model == null) {
        throw ApiError.modelNotFound(requested);
      }
    }
    return new ServedModel(model.id(), model.maxModelLen());
  }
}
