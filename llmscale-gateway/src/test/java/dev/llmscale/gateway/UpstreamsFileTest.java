package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsFileTest {

  @Test
  void readsOneUrlPerLineWithComments() {
    List<URI> uris =
        UpstreamsFile.parse(
            """
            # decode pool
            http://10.0.0.5:8000
            http://10.0.0.6:8000/v1   # trailing /v1 is fine
              http://replica-2.svc/
            http://10.0.0.5:8000
            """);

    assertThat(uris)
        .containsExactly(
            URI.create("http://10.0.0.5:8000"),
            URI.create("http://10.0.0.6:8000"),
            URI.create("http://replica-2.svc:80"));
  }

  @Test
  void namesTheBadLine() {
    assertThatThrownBy(() -> UpstreamsFile.parse("http://a:1\nftp://b:2\n"))
        .hasMessageStartingWith("line 2: 'ftp://b:2' is not an http URL");
    assertThatThrownBy(() -> UpstreamUris.parse("https://a:1"))
        .hasMessageContaining("https upstreams are not supported");
    assertThatThrownBy(() -> UpstreamUris.parse("http://a:1/api"))
        .hasMessageContaining("without a path");
  }

  @Test
  void reportsChangesAndKeepsTheListWhenTheFileBreaks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("upstreams.txt");
    Files.writeString(file, "http://a:1\n");
    List<List<URI>> seen = new CopyOnWriteArrayList<>();
    try (UpstreamsFile source = new UpstreamsFile(file, Duration.ofMillis(20))) {
      source.start(seen::add);
      await().atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 1);

      replace(file, "http://a:1\nnot a url\n");
      Thread.sleep(100);
      replace(file, "http://b:2\n");
      await().atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 2);
      Files.delete(file);
      Thread.sleep(100);
    }

    assertThat(seen)
        .containsExactly(List.of(URI.create("http://a:1")), List.of(URI.create("http://b:2")));
  }

  /** Replaces the file atomically, as a Kubernetes ConfigMap volume does. */
  static void replace(Path file, String content) throws java.io.IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, content);
    Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
