package dev.llmscale.autoscaler.target.local;

import java.net.URI;
import java.util.List;

/**
 * Tells the gateway which local replicas exist: a file the gateway watches ({@code
 * --upstreams-file}) or, in one process, the gateway's upstream list directly.
 */
@FunctionalInterface
public interface UpstreamRegistry {

  /**
   * Publishes the complete set of replicas that should take traffic once healthy; the gateway
   * drains the ones that disappear. Called from the target's thread, never concurrently.
   */
  void publish(List<URI> replicas) throws Exception;
}
