package dev.llmscale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.kv.BlockHashes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Checks an OpenAI request body before any replica sees it, in vLLM's order (JSON, model,
 * parameters, prompt, context length), answering bad input with the same errors as the emulator and
 * vLLM; then tokenizes the prompt for its length and block hashes. What only an engine can judge
 * (e.g. {@code n > 1}, images in chat content, several prompts in one completion) passes through
 * for the replica to accept or refuse. Stateless and thread-safe; runs on the tokenizer pool.
 */
final class RequestValidator {
  private final ObjectMapper mapper;
  private final PromptTokenizer tokenizer;
  private final int blockSize;
  private final Supplier<ModelCatalog> catalog;
  private final Supplier<String> noReplicasMessage;

  RequestValidator(
      ObjectMapper mapper,
      PromptTokenizer tokenizer,
      int blockSize,
      Supplier<ModelCatalog> catalog,
      Supplier<String> noReplicasMessage) {
    this.mapper = mapper;
    this.tokenizer = tokenizer;
    this.blockSize = blockSize;
    this.catalog = catalog;
    this.noReplicasMessage = noReplicasMessage;
  }

  /**
   * @throws ApiError with the answer the client should get
   */
  ValidatedRequest validate(ApiKind kind, byte[] body) {
    JsonNode root = readObject(body);
    String requested = optionalString(root, "model");
    ModelCatalog models = catalog.get();
    if (models.isEmpty()) {
      throw ApiError.noReplicas(noReplicasMessage.get());
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
    Long n = optionalInteger(root, "n");
    if (n != null && n < 1) {
      throw ApiError.belowMinimum("n", 1, n);
    }
    boolean stream = optionalBoolean(root, "stream", false);
    JsonNode streamOptions = present(root, "stream_options");
    if (streamOptions != null) {
      if (!streamOptions.isObject()) {
        throw ApiError.wrongType("stream_options", "an object", describe(streamOptions));
      }
      optionalBoolean(streamOptions, "include_usage", false);
    }
    optionalBoolean(root, "ignore_eos", false);
    Long maxTokens = null;
    String maxTokensParam = "max_tokens";
    if (kind == ApiKind.CHAT) {
      maxTokens = optionalInteger(root, "max_completion_tokens");
      maxTokensParam = maxTokens != null ? "max_completion_tokens" : "max_tokens";
    }
    if (maxTokens == null) {
      maxTokens = optionalInteger(root, "max_tokens");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw ApiError.belowMinimum(maxTokensParam, 1, maxTokens);
    }

    int[] prompt = kind == ApiKind.CHAT ? chatPrompt(root) : completionPrompt(root);
    String promptParam = kind == ApiKind.CHAT ? "messages" : "prompt";
    if (prompt.length == 0) {
      throw ApiError.invalid("The " + promptParam + " is empty.", promptParam, "invalid_value");
    }
    checkContext(model.maxModelLen(), prompt.length, maxTokens, kind);
    return new ValidatedRequest(
        kind, model.id(), stream, prompt.length, BlockHashes.ofTokens(prompt, blockSize), body);
  }

  private static void checkContext(
      int maxModelLen, int promptTokens, Long maxTokens, ApiKind kind) {
    if (maxModelLen <= 0) {
      return; // no replica said; the engine will check
    }
    String promptParam = kind == ApiKind.CHAT ? "messages" : "prompt";
    String promptWhere = kind == ApiKind.CHAT ? "in the messages" : "in the prompt";
    if (maxTokens != null) {
      long total =
          maxTokens > Long.MAX_VALUE - promptTokens ? Long.MAX_VALUE : promptTokens + maxTokens;
      if (total > maxModelLen) {
        throw ApiError.contextLengthExceeded(
            String.format(
                Locale.ROOT,
                "This model's maximum context length is %d tokens. However, you requested %d"
                    + " tokens (%d %s, %d in the completion). Please reduce the length of the %s"
                    + " or completion.",
                maxModelLen,
                total,
                promptTokens,
                promptWhere,
                maxTokens,
                promptParam),
            promptParam);
      }
    } else if (promptTokens >= maxModelLen) {
      throw ApiError.contextLengthExceeded(
          String.format(
              Locale.ROOT,
              "This model's maximum context length is %d tokens. However, your request has %d"
                  + " input tokens. Please reduce the length of the %s.",
              maxModelLen,
              promptTokens,
              promptParam),
          promptParam);
    }
  }

  private JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.malformedJson(e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.malformedJson(String.valueOf(e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw ApiError.malformedJson("the body is empty");
    }
    if (!root.isObject()) {
      throw ApiError.malformedJson("expected a JSON object, got " + describe(root));
    }
    return root;
  }

  private int[] chatPrompt(JsonNode root) {
    JsonNode messages = present(root, "messages");
    if (messages == null) {
      throw ApiError.missing("messages");
    }
    if (!messages.isArray()) {
      throw ApiError.wrongType("messages", "an array", describe(messages));
    }
    if (messages.isEmpty()) {
      throw ApiError.invalid(
          "Invalid 'messages': empty array. Expected an array with minimum length 1.",
          "messages",
          "empty_array");
    }
    List<PromptTokenizer.ChatMessage> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String where = "messages[" + i + "]";
      JsonNode message = messages.get(i);
      if (!message.isObject()) {
        throw ApiError.wrongType(where, "an object", describe(message));
      }
      JsonNode role = present(message, "role");
      if (role == null) {
        throw ApiError.missing(where + ".role");
      }
      if (!role.isTextual()) {
        throw ApiError.wrongType(where + ".role", "a string", describe(role));
      }
      parsed.add(new PromptTokenizer.ChatMessage(role.asText(), content(message, where)));
    }
    return tokenizer.chat(parsed);
  }

  /** The message's text; parts other than text (images, audio) are left to the engine. */
  private static String content(JsonNode message, String where) {
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      if (message.has("tool_calls") && "assistant".equals(message.path("role").asText())) {
        return "";
      }
      throw ApiError.missing(where + ".content");
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw ApiError.wrongType(where + ".content", "a string or an array", describe(content));
    }
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < content.size(); p++) {
      JsonNode part = content.get(p);
      String partWhere = where + ".content[" + p + "]";
      if (!part.isObject()) {
        throw ApiError.wrongType(partWhere, "an object", describe(part));
      }
      if ("text".equals(part.path("type").asText())) {
        JsonNode partText = part.get("text");
        if (partText == null || !partText.isTextual()) {
          throw ApiError.wrongType(partWhere + ".text", "a string", describe(partText));
        }
        text.append(partText.asText());
      }
    }
    return text.toString();
  }

  /** The (first) prompt's tokens; a batch of prompts is routed by its first one. */
  private int[] completionPrompt(JsonNode root) {
    JsonNode prompt = present(root, "prompt");
    if (prompt == null) {
      throw ApiError.missing("prompt");
    }
    if (prompt.isTextual()) {
      return tokenizer.text(prompt.asText());
    }
    if (!prompt.isArray()) {
      throw ApiError.wrongType(
          "prompt", "a string, an array of strings or an array of token ids", describe(prompt));
    }
    if (prompt.isEmpty()) {
      throw ApiError.invalid("The prompt is empty.", "prompt", "invalid_value");
    }
    JsonNode first = prompt.get(0);
    if (first.isTextual()) {
      return tokenizer.text(first.asText());
    }
    return first.isArray() ? tokenIds(first) : tokenIds(prompt);
  }

  private static int[] tokenIds(JsonNode array) {
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode id = array.get(i);
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
        throw ApiError.wrongType("prompt", "token ids (non-negative integers)", describe(id));
      }
      ids[i] = id.intValue();
    }
    return ids;
  }

  /** The field, or null when it is absent or JSON null (OpenAI treats both as unset). */
  private static JsonNode present(JsonNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static String optionalString(JsonNode object, String field) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.wrongType(field, "a string", describe(node));
    }
    return node.asText();
  }

  private static boolean optionalBoolean(JsonNode object, String field, boolean absent) {
    JsonNode node = present(object, field);
    if (node == null) {
      return absent;
    }
    if (!node.isBoolean()) {
      throw ApiError.wrongType(field, "a boolean", describe(node));
    }
    return node.booleanValue();
  }

  private static Long optionalInteger(JsonNode object, String field) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw ApiError.wrongType(field, "an integer", describe(node));
    }
    if (!node.canConvertToLong()) {
      return node.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return node.longValue();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
