package dev.llmscale.openai;

/** The two OpenAI generation endpoints: their paths, id prefixes, object names and metric label. */
public enum ApiKind {
  CHAT(
      "/v1/chat/completions",
      "chatcmpl-",
      "chat.completion",
      "chat.completion.chunk",
      "chat_completions"),
  COMPLETION("/v1/completions", "cmpl-", "text_completion", "text_completion", "completions");

  private final String path;
  private final String idPrefix;
  private final String responseObject;
  private final String chunkObject;
  private final String endpointLabel;

  ApiKind(
      String path,
      String idPrefix,
      String responseObject,
      String chunkObject,
      String endpointLabel) {
    this.path = path;
    this.idPrefix = idPrefix;
    this.responseObject = responseObject;
    this.chunkObject = chunkObject;
    this.endpointLabel = endpointLabel;
  }

  /** Path below the server's root, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  /** Prefix of a response's {@code id}. */
  public String idPrefix() {
    return idPrefix;
  }

  /** {@code object} of a whole (non-streamed) response. */
  public String responseObject() {
    return responseObject;
  }

  /** {@code object} of one streamed chunk. */
  public String chunkObject() {
    return chunkObject;
  }

  /** Value of the {@code endpoint} label of {@code requests_total}, as Dynamo's frontend. */
  public String endpointLabel() {
    return endpointLabel;
  }
}
