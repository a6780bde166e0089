package dev.llmscale.gateway;

/** The generation endpoints the gateway proxies, with their metric label. */
enum ApiKind {
  CHAT("/v1/chat/completions", "chat_completions"),
  COMPLETION("/v1/completions", "completions");

  final String path;

  /** Value of the {@code endpoint} label of {@code requests_total}, as Dynamo's frontend. */
  final String endpointLabel;

  ApiKind(String path, String endpointLabel) {
    this.path = path;
    this.endpointLabel = endpointLabel;
  }
}
