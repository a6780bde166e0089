package dev.llmscale.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.kv.BlockHashes;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.OpenAiRequest;
import dev.llmscale.openai.PromptTokenizer;
import dev.llmscale.openai.RequestPolicy;
import dev.llmscale.openai.RequestReader;
import dev.llmscale.openai.ServedModel;

/**
 * Turns an OpenAI request body into a {@link GenerationRequest}, or throws the {@link ApiError} a
 * client should get: the common OpenAI checks of {@link RequestReader}, plus what this one-model
 * engine does not serve (several choices, non-text content, batched prompts). Stateless and
 * thread-safe; runs on the tokenizer pool because tokenizing long prompts is slow.
 */
final class RequestParser {
  private final RequestReader reader;
  private final int maxModelLen;
  private final int defaultOutputTokens;
  private final int blockSize;

  RequestParser(
      ObjectMapper mapper,
      PromptTokenizer tokenizer,
      String servedModelName,
      int maxModelLen,
      int defaultOutputTokens,
      int blockSize) {
    this.reader =
        new RequestReader(
            mapper, tokenizer, new EngineRules(new ServedModel(servedModelName, maxModelLen)));
    this.maxModelLen = maxModelLen;
    this.defaultOutputTokens = defaultOutputTokens;
    this.blockSize = blockSize;
  }

  GenerationRequest parse(ApiKind kind, byte[] body) {
    OpenAiRequest request = reader.read(kind, body);
    int[] prompt = request.prompt();
    int outputTokens;
    boolean endsWithStop;
    if (request.maxTokens().isPresent()) {
      outputTokens = (int) request.maxTokens().getAsLong(); // fits: the reader checked the context
      endsWithStop = false;
    } else {
      // Without max_tokens vLLM runs to the stop token, or to the context end with ignore_eos.
      int room = maxModelLen - prompt.length; // positive: the reader checked the context length
      outputTokens = request.ignoreEos() ? room : Math.min(defaultOutputTokens, room);
      endsWithStop = !request.ignoreEos();
    }
    return new GenerationRequest(
        kind,
        request.model(),
        request.stream(),
        request.includeUsage(),
        prompt.length,
        BlockHashes.ofTokens(prompt, blockSize),
        outputTokens,
        endsWithStop);
  }

  /** One served model, one choice per request, text prompts only: what the emulator generates. */
  private record EngineRules(ServedModel served) implements RequestPolicy {
    @Override
    public ServedModel model(String requested) {
      if (requested != null && !requested.equals(served.id())) {
        throw ApiError.modelNotFound(requested);
      }
      return served; // vLLM serves the default model when none is named
    }

    @Override
    public void checkChoices(long n) {
      if (n != 1) {
        throw ApiError.unsupported("n", "Only n=1 is supported by the emulator, got n=" + n + ".");
      }
    }

    @Override
    public void otherContentPart(String where, JsonNode part) {
      throw ApiError.unsupported(
          where, "Invalid '" + where + "': only text content parts are supported.");
    }

    @Override
    public void batchedPrompts(int count) {
      throw ApiError.unsupported(
          "prompt", "Batched prompts are not supported by the emulator; send one prompt.");
    }
  }
}
