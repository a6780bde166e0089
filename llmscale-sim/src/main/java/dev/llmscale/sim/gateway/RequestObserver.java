package dev.llmscale.sim.gateway;

import dev.llmscale.sim.fleet.SimRequest;

/** Hears each request's first token and its end, however it ends: the results recorder. */
public interface RequestObserver {

  void firstToken(SimRequest request, long nowNanos);

  /** Called exactly once per request, when it completes or fails. */
  void ended(SimRequest request, long nowNanos);
}
