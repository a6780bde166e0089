package dev.llmscale.loadgen;

import java.util.Locale;

/** The OpenAI endpoints the load generator drives, by the names the command line gives them. */
public enum ApiKind {
  CHAT("chat", dev.llmscale.openai.ApiKind.CHAT),
  COMPLETIONS("completions", dev.llmscale.openai.ApiKind.COMPLETION);

  private final String cliName;
  private final dev.llmscale.openai.ApiKind endpoint;

  ApiKind(String cliName, dev.llmscale.openai.ApiKind endpoint) {
    this.cliName = cliName;
    this.endpoint = endpoint;
  }

  public String cliName() {
    return cliName;
  }

  /** Path below the server's root, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return endpoint.path();
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static ApiKind named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (ApiKind kind : values()) {
      if (kind.cliName.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown endpoint '" + name + "'; known: chat, completions");
  }
}
