package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration snippets into a temporary directory and loads them. */
final class ConfigFixture {
  static final String FILE = "autoscaler.yaml";

  /** The parts every threshold snippet shares; the ScaledObject's spec follows, indented. */
  static final String THRESHOLD_HEAD =
      """
      policy: threshold
      source: {prometheus: {serverAddress: "http://127.0.0.1:9090"}}
      targets: [{service: llm, kubernetes: {}}]
      scaledObject:
      """;

  /** A ScaledObject spec that maps to {@code ThresholdConfig.of("llm", averageValue(0.3))}. */
  static final String MINIMAL_SPEC =
      """
      scaleTargetRef: {name: llm}
      triggers:
        - type: prometheus
          metadata: {query: "ttft_p99", threshold: "0.3"}
      """;

  private final Path directory;

  ConfigFixture(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  Path write(String name, String text) {
    Path file = directory.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  AutoscalerConfig load(String yaml) {
    return AutoscalerConfigLoader.load(write(FILE, yaml));
  }

  /**
   * The error loading {@code yaml} gives, without the leading {@code <file>: } it must have; the
   * temporary directory reads {@code ${dir}}.
   */
  String error(String yaml) {
    Path file = write(FILE, yaml);
    ConfigException error =
        catchThrowableOfType(ConfigException.class, () -> AutoscalerConfigLoader.load(file));
    assertThat(error).as("loading should fail:%n%s", yaml).isNotNull();
    assertThat(error.getMessage()).startsWith(file + ": ").doesNotContain("\n");
    return error
        .getMessage()
        .substring(file.toString().length() + 2)
        .replace(directory.toString(), "${dir}");
  }

  /**
   * The whole one-line error loading {@code yaml} gives, the temporary directory reading {@code
   * ${dir}}: for errors in files the configuration refers to.
   */
  String errorAnywhere(String yaml) {
    Path file = write(FILE, yaml);
    ConfigException error =
        catchThrowableOfType(ConfigException.class, () -> AutoscalerConfigLoader.load(file));
    assertThat(error).as("loading should fail:%n%s", yaml).isNotNull();
    assertThat(error.getMessage()).doesNotContain("\n");
    return error.getMessage().replace(directory.toString(), "${dir}");
  }

  /** A threshold configuration around the ScaledObject spec {@code spec}. */
  static String threshold(String spec) {
    return THRESHOLD_HEAD + spec.indent(2);
  }
}
