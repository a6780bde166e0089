package dev.llmscale.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tools some tests need from outside the JVM (chromium). Without them a test is skipped, unless
 * {@code LLMSCALE_REQUIRE_TOOLS=1} (set by {@code .ci/run}, which installs them): then their
 * absence fails the build instead of hiding a skipped test. A minimal copy of the CLI tests'
 * helper.
 */
final class ExternalTools {
  private ExternalTools() {}

  static Path require(String tool) {
    Path path = onPath(tool);
    boolean available = path != null;
    String why = tool + " is not on the PATH";
    if (!available && "1".equals(System.getenv("LLMSCALE_REQUIRE_TOOLS"))) {
      throw new IllegalStateException(why + ", and LLMSCALE_REQUIRE_TOOLS=1");
    }
    assumeTrue(available, why);
    return path;
  }

  private static Path onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
