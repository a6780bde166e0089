package dev.llmscale.sim.control;

import dev.llmscale.sim.metrics.FrontendMetrics;
import java.util.List;

/** Builds a run's metric pipeline for a policy's queries over that run's gateway metrics. */
@FunctionalInterface
public interface PipelineFactory {

  /**
   * @param headline the query whose reading is plotted beside the policy's decisions
   */
  MetricPipeline create(FrontendMetrics metrics, List<MetricQuery> queries, String headline);
}
