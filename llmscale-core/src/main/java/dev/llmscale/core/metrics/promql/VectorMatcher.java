package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.promql.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic between two instant vectors, pairing elements as Prometheus does: by their labels
 * without the metric name, or by {@code on(...)} / {@code ignoring(...)}; one-to-one unless {@code
 * group_left} / {@code group_right} allow many on one side. Elements without a partner drop out.
 * The result keeps the labels of the left side ("many" side) without the metric name; one-to-one
 * with {@code on} keeps only the {@code on} labels, with {@code ignoring} drops the ignored ones;
 * {@code group_x(labels)} copies those labels from the "one" side.
 */
final class VectorMatcher {

  private VectorMatcher() {}

  static List<Sample> apply(
      BinaryOperator operator, List<Sample> left, List<Sample> right, VectorMatching matching) {
    boolean swapped = matching.cardinality() == Cardinality.ONE_TO_MANY;
    List<Sample> many = swapped ? right : left;
    List<Sample> one = swapped ? left : right;

    Map<Labels, Sample> oneBySignature = new HashMap<>();
    for (Sample sample : one) {
      Labels signature = signature(sample.labels(), matching);
      Sample duplicate = oneBySignature.put(signature, sample);
      if (duplicate != null) {
        throw new PromqlEvaluationException(
            "found duplicate series for the match group "
                + signature
                + " on the "
                + (swapped ? "left" : "right")
                + " hand-side of the operation: ["
                + sample.labels()
                + ", "
                + duplicate.labels()
                + "]; many-to-many matching not allowed: matching labels must be unique on one"
                + " side");
      }
    }

    Map<Labels, Set<Labels>> resultsBySignature = new HashMap<>();
    List<Sample> result = new ArrayList<>();
    for (Sample sample : many) {
      Labels signature = signature(sample.labels(), matching);
      Sample partner = oneBySignature.get(signature);
      if (partner == null) {
        continue;
      }
      double value =
          swapped
              ? operator.apply(partner.value(), sample.value())
              : operator.apply(sample.value(), partner.value());
      Labels labels = resultLabels(sample.labels(), partner.labels(), matching);
      Set<Labels> previous = resultsBySignature.get(signature);
      if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
        if (previous != null) {
          throw new PromqlEvaluationException(
              "multiple matches for labels: many-to-one matching must be explicit"
                  + " (group_left/group_right)");
        }
        resultsBySignature.put(signature, Set.of());
      } else if (!resultsBySignature.computeIfAbsent(signature, s -> new HashSet<>()).add(labels)) {
        throw new PromqlEvaluationException(
            "multiple matches for labels: grouping labels must ensure unique matches");
      }
      result.add(new Sample(labels, value));
    }
    return result;
  }

  private static Labels signature(Labels labels, VectorMatching matching) {
    if (matching.on()) {
      return labels.keep(matching.labels());
    }
    List<String> ignored = new ArrayList<>(matching.labels());
    ignored.add(Labels.METRIC_NAME);
    return labels.without(ignored);
  }

  private static Labels resultLabels(Labels many, Labels one, VectorMatching matching) {
    Labels labels = many.withoutMetricName();
    if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
      labels = matching.on() ? labels.keep(matching.labels()) : labels.without(matching.labels());
    }
    if (matching.include().isEmpty()) {
      return labels;
    }
    Labels.Builder builder = labels.toBuilder();
    for (String name : matching.include()) {
      builder.set(name, one.get(name));
    }
    return builder.build();
  }
}
