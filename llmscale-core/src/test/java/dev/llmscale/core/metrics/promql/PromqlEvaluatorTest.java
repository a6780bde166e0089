package dev.llmscale.core.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.promql.PromqlValue.Scalar;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Selectors, aggregations, arithmetic and vector matching, each against Prometheus's rules. */
class PromqlEvaluatorTest {

  /** Three request counters of two models on two instances, and two gauges, all at 10 s. */
  private final SeriesFixture fixture =
      new SeriesFixture()
          .load("req{model=\"a\",code=\"200\",instance=\"i1\"}", "10=1")
          .load("req{model=\"a\",code=\"500\",instance=\"i1\"}", "10=2")
          .load("req{model=\"b\",code=\"200\",instance=\"i2\"}", "10=4")
          .load("vllm:num_requests_waiting{model_name=\"a\",engine=\"0\"}", "10=5")
          .load("llmscale_frontend_queued_requests{model=\"a\"}", "10=3");

  private static Sample sample(double value, String... labels) {
    return new Sample(Labels.of(labels), value);
  }

  static Stream<Arguments> vectors() {
    return Stream.of(
        arguments(
            "a selector keeps the metric name",
            "req{code=\"500\"}",
            List.of(
                new Sample(
                    Labels.metric("req", "model", "a", "code", "500", "instance", "i1"), 2))),
        arguments(
            "!= and regular expressions (anchored)",
            "sum(req{code!=\"500\",model=~\"a|b\",instance!~\"i\"})",
            List.of(sample(5))),
        arguments(
            "a matcher on an absent label sees an empty value",
            "sum(req{zone=\"\"})",
            List.of(sample(7))),
        arguments("sum of nothing is empty, not 0", "sum(absent_metric)", List.of()),
        arguments(
            "sum by",
            "sum by (model) (req)",
            List.of(sample(3, "model", "a"), sample(4, "model", "b"))),
        arguments(
            "by after the argument",
            "sum(req) by (model)",
            List.of(sample(3, "model", "a"), sample(4, "model", "b"))),
        arguments(
            "keywords ignore case",
            "SUM BY (model) (req)",
            List.of(sample(3, "model", "a"), sample(4, "model", "b"))),
        arguments(
            "without drops the listed labels and the metric name",
            "sum without (code) (req)",
            List.of(
                sample(3, "instance", "i1", "model", "a"),
                sample(4, "instance", "i2", "model", "b"))),
        arguments(
            "avg by",
            "avg by (code) (req)",
            List.of(sample(2.5, "code", "200"), sample(2, "code", "500"))),
        arguments(
            "count by",
            "count by (model) (req)",
            List.of(sample(2, "model", "a"), sample(1, "model", "b"))),
        arguments(
            "by a label nobody has groups everything", "max by (zone) (req)", List.of(sample(4))),
        arguments("min", "min(req)", List.of(sample(1))),
        arguments(
            "vector times scalar drops the metric name",
            "req{model=\"b\"} * 2",
            List.of(sample(8, "model", "b", "code", "200", "instance", "i2"))),
        arguments(
            "scalar minus vector",
            "10 - sum by (model) (req)",
            List.of(sample(7, "model", "a"), sample(6, "model", "b"))),
        arguments("unary minus on a vector", "-sum(req)", List.of(sample(-7))),
        arguments(
            "sums of two metrics with colons in names",
            "sum(llmscale_frontend_queued_requests) + sum(vllm:num_requests_waiting)",
            List.of(sample(8))),
        arguments(
            "one empty side empties the result",
            "sum(llmscale_frontend_queued_requests) + sum(absent_metric)",
            List.of()),
        arguments(
            "one-to-one on all labels but the name; unmatched elements drop out",
            "sum by (model) (req{code=\"500\"}) / sum by (model) (req)",
            List.of(sample(2.0 / 3, "model", "a"))),
        arguments(
            "on(...) matches on the listed labels and keeps only them",
            "sum by (model) (req) / on (model) sum by (model, instance) (req)",
            List.of(sample(1, "model", "a"), sample(1, "model", "b"))),
        arguments(
            "ignoring(...) matches on the rest and keeps the left's other labels",
            "sum by (model, code) (req{code=\"500\"}) / ignoring (code) sum by (model) (req)",
            List.of(sample(2.0 / 3, "model", "a"))),
        arguments(
            "group_left: many on the left per one on the right",
            "sum by (model, code) (req) / ignoring (code) group_left sum by (model) (req)",
            List.of(
                sample(1.0 / 3, "code", "200", "model", "a"),
                sample(2.0 / 3, "code", "500", "model", "a"),
                sample(1, "code", "200", "model", "b"))),
        arguments(
            "group_right: one on the left per many on the right",
            "sum by (model) (req) / on (model) group_right sum by (model, code) (req)",
            List.of(
                sample(3, "code", "200", "model", "a"),
                sample(1.5, "code", "500", "model", "a"),
                sample(1, "code", "200", "model", "b"))),
        arguments(
            "on() with group_left(labels) copies those labels from the one side",
            "sum by (model) (req) * on () group_left (engine) sum by (engine) (vllm:num_requests_waiting)",
            List.of(
                sample(15, "engine", "0", "model", "a"), sample(20, "engine", "0", "model", "b"))),
        arguments(
            "clamp_min and clamp_max drop the name",
            "clamp_max(clamp_min(sum by (model) (req), 3.5), 3.9)",
            List.of(sample(3.5, "model", "a"), sample(3.9, "model", "b"))),
        arguments("clamp with max below min is empty", "clamp(sum(req), 3, 2)", List.of()),
        arguments(
            "division by zero is +Inf, as in Go",
            "sum(req) / 0",
            List.of(sample(Double.POSITIVE_INFINITY))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void evaluatesInstantVectors(String why, String query, List<Sample> expected) {
    assertThat(fixture.vector(query, 10)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "1 + 2 * 3, 7",
    "(1 + 2) * 3, 9",
    "10 / 4 / 2, 1.25",
    "2 - 3 - 4, -5",
    "-2 * 3, -6",
    "- -2, 2",
    "0x1f, 31",
    "2.5e-1 + .75, 1",
    "1 / 0, Infinity",
    "-Inf, -Infinity",
    "0 / 0, NaN",
  })
  void evaluatesScalarArithmeticWithPrometheusPrecedence(String query, double expected) {
    assertThat(fixture.evaluate(query, 10)).isEqualTo(new Scalar(expected));
  }

  @Test
  void anInstantSelectorLooksBackFiveMinutesLeftOpen() {
    assertThat(fixture.single("sum(llmscale_frontend_queued_requests)", 309.999)).isEqualTo(3.0);
    assertThat(fixture.single("sum(llmscale_frontend_queued_requests)", 310)).isNull();
    assertThat(fixture.single("sum(llmscale_frontend_queued_requests)", 9.999)).isNull();
  }

  @Test
  void aStaleMarkerHidesTheSeriesAtOnce() {
    fixture.load("llmscale_frontend_queued_requests{model=\"a\"}", "20=stale 40=6");

    assertThat(fixture.single("llmscale_frontend_queued_requests", 19)).isEqualTo(3.0);
    assertThat(fixture.single("llmscale_frontend_queued_requests", 30)).isNull();
    assertThat(fixture.single("llmscale_frontend_queued_requests", 40)).isEqualTo(6.0);
  }

  @Test
  void aggregationsAddUpLikePrometheus() {
    SeriesFixture values =
        new SeriesFixture()
            .load("g{i=\"1\"}", "1=1e16")
            .load("g{i=\"2\"}", "1=1")
            .load("g{i=\"3\"}", "1=-1e16")
            .load("h{i=\"1\"}", "1=NaN")
            .load("h{i=\"2\"}", "1=2")
            .load("m{i=\"1\"}", "1=1.7976931348623157e308")
            .load("m{i=\"2\"}", "1=1.7976931348623157e308");

    assertThat(values.single("sum(g)", 1)).as("compensated sum").isEqualTo(1.0);
    assertThat(values.single("max(h)", 1)).as("NaN loses to any number").isEqualTo(2.0);
    assertThat(values.single("min(h)", 1)).isEqualTo(2.0);
    assertThat(values.single("avg(m)", 1))
        .as("an overflowing sum falls back to an incremental mean")
        .isEqualTo(1.7976931348623157e308);
  }

  @Test
  void aOneToOneMatchWithSeveralSeriesOnOneSideFails() {
    assertThatThrownBy(() -> fixture.evaluate("req / on (model) sum by (model) (req)", 10))
        .isInstanceOf(PromqlEvaluationException.class)
        .hasMessageContaining("many-to-one matching must be explicit (group_left/group_right)");
    assertThatThrownBy(() -> fixture.evaluate("sum(req) / on () req", 10))
        .isInstanceOf(PromqlEvaluationException.class)
        .hasMessageContaining("found duplicate series for the match group {}")
        .hasMessageContaining("on the right hand-side");
  }

  @Test
  void resultsAreSortedByLabels() {
    assertThat(fixture.vector("req", 10))
        .extracting(s -> s.labels().get("code") + s.labels().get("model"))
        .containsExactly("200a", "200b", "500a");
  }

  @Test
  void averagesOverTimeWithinTolerance() {
    SeriesFixture values = new SeriesFixture().load("g", "1=0.1 2=0.2 3=0.3");

    assertThat(values.single("avg_over_time(g[1m])", 3)).isCloseTo(0.2, within(1e-15));
  }
}
