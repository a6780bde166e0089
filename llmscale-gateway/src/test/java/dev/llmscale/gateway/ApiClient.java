package dev.llmscale.gateway;

import java.net.URI;

/** The shared OpenAI test client, with request bodies for the replicas' test model. */
final class ApiClient extends dev.llmscale.openai.testing.ApiClient {

  ApiClient(URI base) {
    super(base);
  }

  static String chat(int maxTokens, boolean stream) {
    return "{\"model\":\""
        + Replicas.MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Route me.\"}],\"max_tokens\":"
        + maxTokens
        + ",\"stream\":"
        + stream
        + "}";
  }

  static String completion(String prompt, int maxTokens, boolean stream) {
    return "{\"model\":\""
        + Replicas.MODEL
        + "\",\"prompt\":\""
        + prompt
        + "\",\"max_tokens\":"
        + maxTokens
        + ",\"stream\":"
        + stream
        + "}";
  }
}
