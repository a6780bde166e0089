package dev.llmscale.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicas listed in a file, one base URL per line ({@code #} starts a comment), re-read whenever
 * its content changes. It is polled rather than watched with inotify because a Kubernetes ConfigMap
 * volume swaps a symlink, which file watches miss. A change applies once two polls in a row read
 * the same new content, so a file caught half-written is rarely applied (replace it atomically, by
 * renaming a new file over it, as Kubernetes does, and it never is); a file that cannot be read or
 * parsed keeps the previous list (and logs why).
 */
public final class UpstreamsFile implements UpstreamSource {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamsFile.class);

  private final Path file;
  private final Duration pollInterval;
  private ScheduledExecutorService poller;
  private String lastContent;
  private String pendingContent;
  private String lastProblem;

  public UpstreamsFile(Path file, Duration pollInterval) {
    this.file = file;
    this.pollInterval = pollInterval;
  }

  /**
   * The replicas a file's text lists.
   *
   * @throws IllegalArgumentException naming the first bad line
   */
  public static List<URI> parse(String text) {
    Set<URI> uris = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int comment = line.indexOf('#');
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        uris.add(UpstreamUris.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new ArrayList<>(uris);
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public synchronized void start(Consumer<List<URI>> listener) {
    if (poller != null) {
      throw new IllegalStateException("already started");
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "llmscale-upstreams-file");
              thread.setDaemon(true);
              return thread;
            });
    poller.execute(() -> poll(listener));
    poller.scheduleWithFixedDelay(
        () -> poll(listener), 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void poll(Consumer<List<URI>> listener) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problem("upstreams file " + file + " is missing; keeping the current replicas");
      return;
    } catch (IOException | RuntimeException e) {
      problem("cannot read upstreams file " + file + ": " + e + "; keeping the current replicas");
      return;
    }
    if (content.equals(lastContent)) {
      pendingContent = null;
      return;
    }
    if (!content.equals(pendingContent)) {
      pendingContent =
          content; // apply only what two polls in a row read: never a half-written file
      return;
    }
    pendingContent = null;
    List<URI> uris;
    try {
      uris = parse(content);
    } catch (IllegalArgumentException e) {
      problem("upstreams file " + file + ", " + e.getMessage() + "; keeping the current replicas");
      return;
    }
    lastContent = content;
    lastProblem = null;
    LOG.info("upstreams file {}: {} replicas", file, uris.size());
    listener.accept(uris);
  }

  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      LOG.warn(message);
      lastProblem = message;
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
