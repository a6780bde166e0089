package dev.llmscale.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replicas given as a list: fixed ({@code --upstream}), or replaced from code, e.g. by an
 * orchestrator that starts and stops replicas itself.
 */
public final class UpstreamList implements UpstreamSource {
  private final String name;
  private List<URI> uris;
  private Consumer<List<URI>> listener;

  public UpstreamList(String name, Collection<URI> uris) {
    this.name = name;
    this.uris = List.copyOf(uris);
  }

  public static UpstreamList of(URI... uris) {
    return new UpstreamList("static", List.of(uris));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start(Consumer<List<URI>> listener) {
    this.listener = listener;
    listener.accept(uris);
  }

  /** Replaces the whole list; replicas no longer in it drain. */
  public synchronized void replace(Collection<URI> replacement) {
    uris = List.copyOf(new ArrayList<>(replacement));
    if (listener != null) {
      listener.accept(uris);
    }
  }

  @Override
  public synchronized void close() {
    listener = null;
  }
}
