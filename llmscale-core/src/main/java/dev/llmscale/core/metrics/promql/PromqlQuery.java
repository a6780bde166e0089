package dev.llmscale.core.metrics.promql;

import java.util.Objects;

/**
 * A parsed query of the PromQL subset that {@link PromqlEvaluator} evaluates; parse once, evaluate
 * at every poll.
 *
 * <p>The subset: number literals ({@code 1}, {@code 2.5e-3}, {@code 0x1f}, {@code Inf}, {@code
 * NaN}); instant selectors {@code metric{label="v", label!="v", label=~"re", label!~"re"}} with a
 * metric name (colons allowed, as in {@code vllm:num_requests_waiting}); range selectors {@code
 * metric[30s]} (units {@code ms s m h d w y}); {@code rate}, {@code increase}, {@code delta},
 * {@code irate}, {@code avg_over_time}, {@code min_over_time}, {@code max_over_time}, {@code
 * sum_over_time}, {@code count_over_time}, {@code histogram_quantile}, {@code clamp}, {@code
 * clamp_min}, {@code clamp_max}; aggregations {@code sum avg min max count} with {@code by (...)}
 * or {@code without (...)} before or after the argument; {@code + - * /} and unary minus between
 * scalars and vectors, with {@code on(...)}, {@code ignoring(...)}, {@code group_left(...)} and
 * {@code group_right(...)} between vectors; parentheses; {@code #} comments. Anything else
 * (comparisons, {@code and/or/unless}, {@code offset}, {@code @}, subqueries, other functions) is a
 * parse error that says so.
 */
public final class PromqlQuery {
  private final String text;
  private final Expr root;

  private PromqlQuery(String text, Expr root) {
    this.text = text;
    this.root = root;
  }

  /**
   * @throws PromqlParseException naming the position and what was expected there
   */
  public static PromqlQuery parse(String text) {
    Objects.requireNonNull(text, "query");
    return new PromqlQuery(text, Parser.parse(text));
  }

  public String text() {
    return text;
  }

  Expr root() {
    return root;
  }

  @Override
  public String toString() {
    return text;
  }
}
