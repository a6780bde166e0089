package dev.llmscale.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmscale.core.workload.WorkloadRequest;
import java.util.Map;

/**
 * Builds OpenAI request bodies: {@code messages} (one user message) or {@code prompt}, {@code
 * max_tokens}, {@code stream} with {@code stream_options.include_usage} (so the server reports its
 * token counts), vLLM's {@code ignore_eos} when asked, and any extra fields, which win.
 */
public final class RequestBodyWriter {
  private final ObjectMapper mapper;
  private final Endpoint endpoint;
  private final PromptRenderer renderer;

  public RequestBodyWriter(ObjectMapper mapper, Endpoint endpoint, PromptRenderer renderer) {
    this.mapper = mapper;
    this.endpoint = endpoint;
    this.renderer = renderer;
  }

  public PreparedRequest prepare(WorkloadRequest request) {
    byte[] body = body(renderer.render(request), request.outputTokens());
    return new PreparedRequest(
        request.index(),
        body,
        request.inputTokens(),
        request.outputTokens(),
        request.sharedPrefixId());
  }

  /** The body for a prompt given as text. */
  public byte[] body(String prompt, int maxTokens) {
    ObjectNode root = mapper.createObjectNode();
    root.put("model", endpoint.model());
    if (endpoint.api() == ApiKind.CHAT) {
      root.putArray("messages").addObject().put("role", "user").put("content", prompt);
    } else {
      root.put("prompt", prompt);
    }
    root.put("max_tokens", maxTokens);
    root.put("stream", endpoint.streaming());
    if (endpoint.streaming()) {
      root.putObject("stream_options").put("include_usage", true);
    }
    if (endpoint.ignoreEos()) {
      root.put("ignore_eos", true);
    }
    for (Map.Entry<String, Object> extra : endpoint.extraBody().entrySet()) {
      root.set(extra.getKey(), mapper.valueToTree(extra.getValue()));
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request body", e);
    }
  }
}
