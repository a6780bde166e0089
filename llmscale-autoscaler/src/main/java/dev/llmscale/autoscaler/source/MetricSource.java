package dev.llmscale.autoscaler.source;

import dev.llmscale.core.policy.MetricReading;

/**
 * Where the control loop reads its metrics: a Prometheus server's HTTP API, or the gateway's and
 * engines' {@code /metrics} scraped directly.
 *
 * <p>A source never throws for a bad poll: an unreachable server, a timeout, an error status, a
 * query error or an unusable result is a {@link MetricReading#failed failed reading} with its
 * cause, which the threshold policy counts towards {@code fallback} and the planner holds on. A
 * failure is never reported as zero.
 */
public interface MetricSource extends AutoCloseable {

  /** Shown in logs and in the autoscaler's own metrics ({@code prometheus}, {@code scrape}). */
  String name();

  /** Evaluates {@code query} now. Blocks at most the source's configured timeout. */
  MetricReading read(MetricQuery query);

  @Override
  default void close() {}
}
