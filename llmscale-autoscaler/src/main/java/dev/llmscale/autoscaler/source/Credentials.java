package dev.llmscale.autoscaler.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** How the Prometheus source authenticates: not at all, with a bearer token, or with basic auth. */
public sealed interface Credentials {

  Credentials NONE = new None();

  static Credentials bearer(Secret token) {
    return new Bearer(token);
  }

  static Credentials basic(String username, Secret password) {
    return new Basic(username, password);
  }

  /**
   * The {@code Authorization} header value, read afresh for every request.
   *
   * @throws IOException when a secret file cannot be read
   */
  Optional<String> authorization() throws IOException;

  /** For error messages: what was sent, without the secret. */
  String describe();

  record None() implements Credentials {
    @Override
    public Optional<String> authorization() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "no credentials";
    }
  }

  record Bearer(Secret token) implements Credentials {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<String> authorization() throws IOException {
      return Optional.of("Bearer " + token.reveal());
    }

    @Override
    public String describe() {
      return "the bearer token (" + token + ")";
    }
  }

  record Basic(String username, Secret password) implements Credentials {
    public Basic {
      Objects.requireNonNull(password, "password");
      if (username == null || username.isEmpty() || username.contains(":")) {
        throw new IllegalArgumentException(
            "a basic auth username must be non-empty and without ':': '" + username + "'");
      }
    }

    @Override
    public Optional<String> authorization() throws IOException {
      String pair = username + ":" + password.reveal();
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String describe() {
      return "basic auth as '" + username + "' (password " + password + ")";
    }
  }
}
