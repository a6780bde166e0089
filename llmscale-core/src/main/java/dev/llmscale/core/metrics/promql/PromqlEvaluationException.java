package dev.llmscale.core.metrics.promql;

/**
 * A query that parsed but cannot be evaluated on this data, such as a one-to-one match that finds
 * several series on one side; Prometheus answers these with {@code errorType: execution}.
 */
public final class PromqlEvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PromqlEvaluationException(String message) {
    super(message);
  }
}
