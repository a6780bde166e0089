package dev.llmscale.autoscaler.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file configuration is read from: named in messages as the user gave it, and the directory that
 * relative paths inside it are resolved against.
 */
record ConfigFile(Path path) {

  String name() {
    return path.toString();
  }

  /** {@code text} as a path; a relative one is taken from this file's directory. */
  Path resolve(String text) {
    Path value;
    try {
      value = Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path: '" + text + "'", e);
    }
    if (value.isAbsolute()) {
      return value;
    }
    Path directory = path.toAbsolutePath().getParent();
    return directory == null ? value : directory.resolve(value).normalize();
  }
}
