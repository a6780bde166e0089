package dev.llmscale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What {@code promtool check metrics} says of an exposition. */
record PromtoolVerdict(int exitCode, String output) {

  static PromtoolVerdict check(String promtool, String exposition)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("metrics", ".prom");
    try {
      Files.writeString(file, exposition);
      Process process =
          new ProcessBuilder(promtool, "check", "metrics")
              .redirectInput(file.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool did not finish");
      }
      return new PromtoolVerdict(process.exitValue(), output);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** One line per lint finding ({@code <metric> <problem>}). */
  List<String> findings() {
    return output.lines().filter(l -> !l.isBlank()).toList();
  }
}
