package dev.llmscale.autoscaler.target.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the replicas to the file a gateway watches, one base URL per line. The file is replaced
 * atomically (written beside it, then renamed), so the gateway never reads half a list.
 */
public final class UpstreamsFileRegistry implements UpstreamRegistry {
  private final Path file;

  public UpstreamsFileRegistry(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  @Override
  public void publish(List<URI> replicas) throws IOException {
    StringBuilder text =
        new StringBuilder("# written by llmscale autoscale; replaced on scaling\n");
    for (URI replica : replicas) {
      text.append(replica).append('\n');
    }
    Path parent = file.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
