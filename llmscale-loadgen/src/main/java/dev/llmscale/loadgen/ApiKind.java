package dev.llmscale.loadgen;

import java.util.Locale;

/** The OpenAI endpoints the load generator drives. */
public enum ApiKind {
  CHAT("chat", "/v1/chat/completions"),
  COMPLETIONS("completions", "/v1/completions");

  private final String cliName;
  private final String path;

  ApiKind(String cliName, String path) {
    this.cliName = cliName;
    this.path = path;
  }

  public String cliName() {
    return cliName;
  }

  /** Path below the server's root, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
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
