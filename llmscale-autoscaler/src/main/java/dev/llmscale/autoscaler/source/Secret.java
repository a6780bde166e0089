package dev.llmscale.autoscaler.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A token or password, given inline or as a file that is read again at every use (projected
 * Kubernetes service account tokens and mounted secrets rotate). File contents are trimmed, as
 * Prometheus trims its {@code password_file}. {@link #toString()} never shows the value.
 */
public sealed interface Secret {

  static Secret inline(String value) {
    return new Inline(value);
  }

  static Secret file(Path path) {
    return new FromFile(path);
  }

  /**
   * @throws IOException when the file cannot be read or is empty
   */
  String reveal() throws IOException;

  record Inline(String value) implements Secret {
    public Inline {
      Objects.requireNonNull(value, "secret");
      if (value.isBlank()) {
        throw new IllegalArgumentException("a secret must not be empty");
      }
    }

    @Override
    public String reveal() {
      return value;
    }

    @Override
    public String toString() {
      return "***";
    }
  }

  record FromFile(Path path) implements Secret {
    public FromFile {
      Objects.requireNonNull(path, "secret file");
    }

    @Override
    public String reveal() throws IOException {
      String value = Files.readString(path).strip();
      if (value.isEmpty()) {
        throw new IOException(path + " is empty");
      }
      return value;
    }

    @Override
    public String toString() {
      return "file " + path;
    }
  }
}
