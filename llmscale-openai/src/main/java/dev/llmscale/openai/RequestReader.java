package dev.llmscale.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Turns an OpenAI request body into an {@link OpenAiRequest}, or throws the {@link ApiError} the
 * client should get. Checks in vLLM's order (JSON, model, parameters, prompt, context length) with
 * vLLM's wording; the {@link RequestPolicy} decides what differs between servers. Stateless and
 * thread-safe; callers run it on a tokenizer pool because tokenizing long prompts is slow.
 */
public final class RequestReader {
  private final ObjectMapper mapper;
  private final PromptTokenizer tokenizer;
  private final RequestPolicy policy;

  public RequestReader(ObjectMapper mapper, PromptTokenizer tokenizer, RequestPolicy policy) {
    this.mapper = mapper;
    this.tokenizer = tokenizer;
    this.policy = policy;
  }

  /**
   * @throws ApiError with the answer the client should get
   */
  public OpenAiRequest read(ApiKind kind, byte[] body) {
    JsonNode root = readObject(body);
    ServedModel model = policy.model(optionalString(root, "model"));
    Long n = optionalInteger(root, "n");
    if (n != null) {
      policy.checkChoices(n);
    }
    boolean stream = optionalBoolean(root, "stream", false);
    boolean includeUsage = false;
    JsonNode streamOptions = present(root, "stream_options");
    if (streamOptions != null) {
      if (!streamOptions.isObject()) {
        throw ApiError.wrongType("stream_options", "an object", streamOptions);
      }
      includeUsage = optionalBoolean(streamOptions, "include_usage", false);
    }
    boolean ignoreEos = optionalBoolean(root, "ignore_eos", false);
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
    String promptParam = promptParam(kind);
    if (prompt.length == 0) {
      throw ApiError.invalid("The " + promptParam + " is empty.", promptParam, "invalid_value");
    }
    checkContext(model.maxModelLen(), prompt.length, maxTokens, kind);
    return new OpenAiRequest(
        kind,
        model.id(),
        stream,
        includeUsage,
        ignoreEos,
        prompt,
        maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens));
  }

  private static String promptParam(ApiKind kind) {
    return kind == ApiKind.CHAT ? "messages" : "prompt";
  }

  private static void checkContext(
      int maxModelLen, int promptTokens, Long maxTokens, ApiKind kind) {
    if (maxModelLen <= 0) {
      return; // unknown here; the engine will check
    }
    String promptParam = promptParam(kind);
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
      // No room for a single output token.
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
      throw ApiError.malformedJson("expected a JSON object, got " + ApiError.describe(root));
    }
    return root;
  }

  private int[] chatPrompt(JsonNode root) {
    JsonNode messages = present(root, "messages");
    if (messages == null) {
      throw ApiError.missing("messages");
    }
    if (!messages.isArray()) {
      throw ApiError.wrongType("messages", "an array", messages);
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
        throw ApiError.wrongType(where, "an object", message);
      }
      JsonNode role = present(message, "role");
      if (role == null) {
        throw ApiError.missing(where + ".role");
      }
      if (!role.isTextual()) {
        throw ApiError.wrongType(where + ".role", "a string", role);
      }
      parsed.add(new PromptTokenizer.ChatMessage(role.asText(), content(message, where)));
    }
    return tokenizer.chat(parsed);
  }

  /** The message's text; other parts go to the policy. */
  private String content(JsonNode message, String where) {
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      // An assistant turn that only called tools has no content.
      if (message.has("tool_calls") && "assistant".equals(message.path("role").asText())) {
        return "";
      }
      throw ApiError.missing(where + ".content");
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw ApiError.wrongType(where + ".content", "a string or an array", content);
    }
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < content.size(); p++) {
      JsonNode part = content.get(p);
      String partWhere = where + ".content[" + p + "]";
      if (!part.isObject() || !"text".equals(part.path("type").asText())) {
        policy.otherContentPart(partWhere, part);
        continue;
      }
      JsonNode partText = part.get("text");
      if (partText == null || !partText.isTextual()) {
        throw ApiError.wrongType(partWhere + ".text", "a string", partText);
      }
      text.append(partText.asText());
    }
    return text.toString();
  }

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
          "prompt", "a string, an array of strings or an array of token ids", prompt);
    }
    if (prompt.isEmpty()) {
      throw ApiError.invalid("The prompt is empty.", "prompt", "invalid_value");
    }
    JsonNode first = prompt.get(0);
    if (first.isTextual() || first.isArray()) {
      if (prompt.size() > 1) {
        policy.batchedPrompts(prompt.size());
      }
      return first.isTextual() ? tokenizer.text(first.asText()) : tokenIds(first);
    }
    return tokenIds(prompt);
  }

  private static int[] tokenIds(JsonNode array) {
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode id = array.get(i);
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
        throw ApiError.wrongType("prompt", "token ids (non-negative integers)", id);
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
      throw ApiError.wrongType(field, "a string", node);
    }
    return node.asText();
  }

  private static boolean optionalBoolean(JsonNode object, String field, boolean absent) {
    JsonNode node = present(object, field);
    if (node == null) {
      return absent;
    }
    if (!node.isBoolean()) {
      throw ApiError.wrongType(field, "a boolean", node);
    }
    return node.booleanValue();
  }

  /** An integer parameter; values beyond a long saturate (they fail the range checks anyway). */
  private static Long optionalInteger(JsonNode object, String field) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw ApiError.wrongType(field, "an integer", node);
    }
    if (!node.canConvertToLong()) {
      return node.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return node.longValue();
  }
}
