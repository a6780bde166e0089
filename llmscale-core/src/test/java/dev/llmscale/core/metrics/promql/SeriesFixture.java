package dev.llmscale.core.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.metrics.ExpositionParser;
import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.PrometheusFloats;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.SeriesStore;
import dev.llmscale.core.metrics.promql.PromqlValue.InstantVector;
import dev.llmscale.core.metrics.promql.PromqlValue.Scalar;
import java.util.List;

/**
 * A store loaded in the style of Prometheus's promqltest: {@code load("c{a=\"1\"}", "15=1
 * 30=stale")} stores the samples at those seconds; queries are evaluated at a time in seconds.
 */
final class SeriesFixture {
  final SeriesStore store = new SeriesStore(3_600_000);
  private final PromqlEvaluator evaluator = new PromqlEvaluator(store);

  static Labels labels(String series) {
    return ExpositionParser.parse(series + " 0").samples().getFirst().labels();
  }

  SeriesFixture load(String series, String samples) {
    Labels labels = labels(series);
    for (String sample : samples.trim().split("\\s+")) {
      String[] timeAndValue = sample.split("=");
      long millis = Math.round(Double.parseDouble(timeAndValue[0]) * 1000);
      if (timeAndValue[1].equals("stale")) {
        store.appendStaleMarker(labels, millis);
      } else {
        store.append(labels, millis, PrometheusFloats.parse(timeAndValue[1]));
      }
    }
    return this;
  }

  PromqlValue evaluate(String query, double seconds) {
    return evaluator.evaluate(PromqlQuery.parse(query), Math.round(seconds * 1000));
  }

  List<Sample> vector(String query, double seconds) {
    PromqlValue value = evaluate(query, seconds);
    assertThat(value).isInstanceOf(InstantVector.class);
    return ((InstantVector) value).samples();
  }

  /** The value of a scalar result or of the single element of a vector; null for empty. */
  Double single(String query, double seconds) {
    PromqlValue value = evaluate(query, seconds);
    if (value instanceof Scalar scalar) {
      return scalar.value();
    }
    List<Sample> samples = ((InstantVector) value).samples();
    assertThat(samples).as(query).hasSizeLessThanOrEqualTo(1);
    return samples.isEmpty() ? null : samples.getFirst().value();
  }
}
