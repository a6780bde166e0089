package dev.llmscale.sim.control;

import dev.llmscale.core.policy.MetricReading;
import java.util.Map;

/**
 * The path from the gateway's metrics to a policy's readings, with its delays: a monitoring system
 * scrapes at an interval into a series store, and each policy tick runs its queries over what has
 * been scraped so far.
 */
public interface MetricPipeline {

  /** Time between scrapes; the first scrape is at the start of the run. */
  long scrapeIntervalNanos();

  /** Takes one scrape of the gateway's metrics at {@code nowNanos}. */
  void scrape(long nowNanos);

  /** The readings for a policy tick at {@code nowNanos}, by the names the policy reads. */
  Map<String, MetricReading> read(long nowNanos);

  /** The reading worth plotting beside the policy's decisions (its main signal), or NaN. */
  double headline(Map<String, MetricReading> readings);
}
