package dev.llmscale.core.metrics.promql;

import java.util.List;

/**
 * How a binary operation between two instant vectors pairs their elements.
 *
 * @param on true for {@code on(labels)}: match on these labels only; false for {@code
 *     ignoring(labels)}: match on all labels but these and the metric name
 * @param include the labels a {@code group_left(...)} or {@code group_right(...)} copies from the
 *     "one" side
 */
record VectorMatching(
    Cardinality cardinality, boolean on, List<String> labels, List<String> include) {

  enum Cardinality {
    ONE_TO_ONE,
    /** {@code group_left}: many elements on the left per element on the right. */
    MANY_TO_ONE,
    /** {@code group_right}. */
    ONE_TO_MANY
  }

  /** No modifier: one-to-one on all labels but the metric name. */
  static final VectorMatching DEFAULT =
      new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

  VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }
}
