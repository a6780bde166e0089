package dev.llmscale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is pure: the simulator drives it in virtual time and the servers in wall time, so it
 * must not reach for sockets, threads, the wall clock or any framework.
 */
class CorePurityTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "^import (static )?(java\\.net|java\\.util\\.concurrent|java\\.lang\\.Thread|io\\.netty"
              + "|io\\.prometheus|io\\.fabric8|com\\.fasterxml\\.jackson\\.databind|org\\.slf4j)"
              + "|System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|new Thread\\(",
          Pattern.MULTILINE);

  @Test
  void mainSourcesUseNoIoFrameworkThreadsOrWallClock() throws IOException {
    Path sources = Path.of("src/main/java");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var matcher = FORBIDDEN.matcher(Files.readString(file));
        while (matcher.find()) {
          offenders.add(sources.relativize(file) + ": " + matcher.group());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
