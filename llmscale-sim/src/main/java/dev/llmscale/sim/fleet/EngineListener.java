package dev.llmscale.sim.fleet;

/** What a replica's engine tells the gateway as its steps end: tokens out, requests done. */
public interface EngineListener {

  /** The request's first output token reached the gateway. */
  void firstToken(SimRequest request, long nowNanos);

  /**
   * A later token reached the gateway, {@code gapNanos} after the one before it.
   *
   * @param gapNanos the inter-token gap
   */
  void nextToken(SimRequest request, long gapNanos, long nowNanos);

  /** The request's last token was delivered. */
  void completed(SimRequest request, long nowNanos);
}
