package dev.llmscale.gateway;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the gateway learns which replicas exist: a static list, a watched file, and (with the
 * Kubernetes integration) an EndpointSlice watch. A source reports its complete current set each
 * time it changes; the gateway adds new replicas once their health check passes and drains the ones
 * that disappear.
 */
public interface UpstreamSource extends AutoCloseable {

  /** Shown in logs and in the {@code source} of a replica. */
  String name();

  /**
   * Starts reporting: calls {@code listener} with the current set at once (or as soon as it is
   * known), then after every change, from any thread, never concurrently.
   */
  void start(Consumer<List<URI>> listener);

  /** Stops reporting. */
  @Override
  void close();
}
