package dev.llmscale.emulator;

/** The two OpenAI generation endpoints, with their id prefixes and object names. */
enum ApiKind {
  CHAT("/v1/chat/completions", "chatcmpl-", "chat.completion", "chat.completion.chunk"),
  COMPLETION("/v1/completions", "cmpl-", "text_completion", "text_completion");

  final String path;
  final String idPrefix;
  final String responseObject;
  final String chunkObject;

  ApiKind(String path, String idPrefix, String responseObject, String chunkObject) {
    this.path = path;
    this.idPrefix = idPrefix;
    this.responseObject = responseObject;
    this.chunkObject = chunkObject;
  }
}
