package dev.llmscale.gateway;

import java.net.URI;
import java.util.List;

/**
 * A snapshot of one replica as the gateway sees it.
 *
 * @param healthy its last health checks passed
 * @param draining it left the upstream list; its in-flight requests finish
 * @param ejected its circuit breaker is open or probing
 * @param inFlight requests the gateway has in flight there
 * @param models the models it lists
 */
public record UpstreamStatus(
    URI uri,
    boolean healthy,
    boolean draining,
    boolean ejected,
    int inFlight,
    List<String> models) {

  static UpstreamStatus of(Upstream upstream) {
    return new UpstreamStatus(
        upstream.uri(),
        upstream.healthy(),
        upstream.draining(),
        upstream.breaker().state() != CircuitBreaker.State.CLOSED,
        upstream.inFlight(),
        upstream.models().stream().map(ModelEntry::id).toList());
  }

  /** Takes new requests. */
  public boolean routable() {
    return healthy && !draining && !ejected && !models.isEmpty();
  }
}
