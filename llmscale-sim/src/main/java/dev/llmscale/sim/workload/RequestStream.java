package dev.llmscale.sim.workload;

import dev.llmscale.sim.fleet.SimRequest;

/** The requests of a run in arrival order, each a fresh {@link SimRequest}. */
public interface RequestStream {

  /** The next request, or null when there are no more. */
  SimRequest next();
}
