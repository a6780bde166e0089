package dev.llmscale.autoscaler.target.local;

import java.net.URI;

/** One replica running on this machine, as the {@link LocalScaleTarget} manages it. */
public interface LocalReplica {

  /** Where the gateway reaches its API. */
  URI baseUri();

  /** True once it has loaded its model and passes its health check. */
  boolean ready();

  /** Requests it has accepted and not yet answered. */
  int inFlightRequests();

  /**
   * Stops taking requests, lets the in-flight ones finish within the replica's drain timeout, then
   * stops. Blocks until done.
   */
  void drain() throws InterruptedException;

  /** Stops at once, cutting what is in flight. Idempotent. */
  void close();
}
