package dev.llmscale.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Renders a page in headless Chromium, driven as a plain process (no WebDriver: one run both prints
 * the DOM after rendering and takes a screenshot of the window). Each render gets its own temporary
 * directory for the profile and Chromium's other files; it is bounded in time, and afterwards no
 * process of it is left and its directory is gone. A test fixture, published in this module's
 * test-jar for the CLI's demo test; callers decide whether a missing {@code chromium} skips or
 * fails.
 */
public final class HeadlessChromium {
  /** Window size, in CSS pixels (device scale factor 1, so also in screenshot pixels). */
  public static final int WIDTH = 1200;

  public static final int HEIGHT = 3200; // tall enough for the demo report of two policies

  private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Path executable;

  /**
   * @param executable the {@code chromium} launcher (Debian's {@code /usr/bin/chromium})
   */
  public HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /**
   * What the browser made of a page.
   *
   * @param dom the document serialized after loading and rendering ({@code --dump-dom})
   * @param screenshot the window, {@link #WIDTH} × {@link #HEIGHT}
   */
  public record Rendering(String dom, BufferedImage screenshot) {}

  /** Loads {@code html} from the file system, waits until rendered, and returns what it shows. */
  public Rendering render(Path html) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("llmscale-chromium-");
    try {
      Path png = work.resolve("screenshot.png");
      Path dom = work.resolve("dom.html");
      Path log = work.resolve("chromium.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  executable.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-dev-shm-usage",
                  "--no-first-run",
                  "--hide-scrollbars",
                  "--force-device-scale-factor=1",
                  "--user-data-dir=" + work.resolve("profile"),
                  "--window-size=" + WIDTH + "," + HEIGHT,
                  "--screenshot=" + png,
                  "--dump-dom",
                  html.toAbsolutePath().toUri().toString())
              .redirectOutput(dom.toFile())
              .redirectError(log.toFile());
      // Crash reports and caches go to the temporary directory too, not the user's home.
      builder.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
      builder.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
      Process process = builder.start();
      boolean exited = false;
      try {
        exited = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } finally {
        if (!exited) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
      }
      if (!exited) {
        throw new IOException(
            "chromium did not finish within " + TIME_LIMIT.toSeconds() + " s; " + tail(log));
      }
      if (process.exitValue() != 0 || !Files.exists(png)) {
        throw new IOException(
            "chromium exited with " + process.exitValue() + " and no screenshot; " + tail(log));
      }
      BufferedImage screenshot = ImageIO.read(png.toFile());
      if (screenshot == null) {
        throw new IOException("the screenshot is not an image ImageIO can read: " + png);
      }
      return new Rendering(Files.readString(dom, StandardCharsets.UTF_8), screenshot);
    } finally {
      stopLeftovers(work);
      deleteRecursively(work);
    }
  }

  /**
   * Chromium's helpers (zygotes, renderers, crash handlers) may outlive the browser process and are
   * no longer its descendants then; every one of them names the work directory on its command line.
   */
  private static void stopLeftovers(Path work) throws InterruptedException {
    String marker = work.toString();
    List<ProcessHandle> leftovers;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      leftovers =
          all.filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
              .toList();
    }
    leftovers.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (ProcessHandle p : leftovers) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
          // removed meanwhile
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines =
        new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return "its last output:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
