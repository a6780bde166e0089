package dev.llmscale.openai;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tools some tests need from outside the JVM (prometheus, promtool, chromium, node with the OpenAI
 * SDK), shared by every module's tests through this module's test-jar. Without them a test is
 * skipped, unless {@code LLMSCALE_REQUIRE_TOOLS=1} (set by {@code .ci/run}, which installs them):
 * then their absence fails the build instead of hiding a skipped test.
 */
public final class ExternalTools {
  private ExternalTools() {}

  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the llmscale repository");
    }
    return dir;
  }

  public static String require(String tool) {
    String path = onPath(tool);
    availableOrSkip(path != null, tool + " is not on the PATH");
    return path;
  }

  public static Path openAiSdk() {
    require("node");
    Path dir = repositoryRoot().resolve("tools/openai-sdk");
    availableOrSkip(
        Files.isDirectory(dir.resolve("node_modules/openai")),
        "the OpenAI SDK is not installed (cd tools/openai-sdk && npm ci)");
    return dir;
  }

  private static void availableOrSkip(boolean available, String why) {
    if (!available && "1".equals(System.getenv("LLMSCALE_REQUIRE_TOOLS"))) {
      throw new IllegalStateException(why + ", and LLMSCALE_REQUIRE_TOOLS=1");
    }
    assumeTrue(available, why);
  }

  private static String onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
