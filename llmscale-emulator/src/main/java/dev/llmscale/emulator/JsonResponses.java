package dev.llmscale.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmscale.core.engine.FinishReason;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.ApiKind;

/**
 * The JSON bodies sent once per request (non-streaming results, the model list), built with
 * Jackson: they are off the per-token path, so correctness beats speed here.
 */
final class JsonResponses {
  private final ObjectMapper mapper;

  JsonResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** A non-streaming chat or text completion, as vLLM returns it. */
  byte[] completion(
      GenerationRequest request,
      String id,
      long createdSeconds,
      int completionTokens,
      FinishReason finish) {
    ObjectNode root = mapper.createObjectNode();
    root.put("id", id);
    root.put("object", request.kind().responseObject());
    root.put("created", createdSeconds);
    root.put("model", request.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    String text = FillerText.text(completionTokens);
    if (request.kind() == ApiKind.CHAT) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
      message.putArray("tool_calls");
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish.apiName());
    choice.putNull("stop_reason");
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", request.promptTokens());
    usage.put("total_tokens", request.promptTokens() + completionTokens);
    usage.put("completion_tokens", completionTokens);
    return write(root);
  }

  /** {@code GET /v1/models}: the served model with vLLM's extra {@code max_model_len}. */
  byte[] models(String servedName, String root, long createdSeconds, int maxModelLen) {
    ObjectNode list = mapper.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    ObjectNode model = data.addObject();
    model.put("id", servedName);
    model.put("object", "model");
    model.put("created", createdSeconds);
    model.put("owned_by", "vllm");
    model.put("root", root);
    model.putNull("parent");
    model.put("max_model_len", maxModelLen);
    return write(list);
  }

  /** An SSE event carrying an error, for failures after a stream's head went out. */
  byte[] errorEvent(ApiError error) {
    byte[] json = error.toJson(mapper);
    byte[] event = new byte[json.length + 8];
    System.arraycopy("data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, event, 0, 6);
    System.arraycopy(json, 0, event, 6, json.length);
    event[event.length - 2] = '\n';
    event[event.length - 1] = '\n';
    return event;
  }

  private byte[] write(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }
}
