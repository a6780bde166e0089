package dev.llmscale.core.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.Sample;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Range functions at one evaluation time. Expected values are worked out by hand from Prometheus's
 * {@code extrapolatedRate}, {@code instantValue} and {@code *_over_time} (promql/functions.go);
 * times are in seconds, the window of {@code [1m]} at 60 is (0 s, 60 s]. The cases that do not
 * depend on Prometheus 3's changes (left-open windows, zero point after the spacing rule) gave the
 * same values from a real Prometheus 2.42 loaded with these samples through {@code promtool tsdb
 * create-blocks-from openmetrics}.
 */
class RangeFunctionsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments(
            "covered window: extrapolated to both edges (45 s sampled + 5 + 10) -> slope",
            "5=100 20=115 35=130 50=145",
            "rate(c[1m])",
            1.0),
        arguments(
            "increase over the same window", "5=100 20=115 35=130 50=145", "increase(c[1m])", 60.0),
        arguments(
            "series starts inside: start gap 40 s > 1.1 x 10 s spacing -> half a spacing: 20 x 25/20",
            "40=10 50=20 60=30",
            "increase(c[1m])",
            25.0),
        arguments("the rate of that: 25 / 60 s", "40=10 50=20 60=30", "rate(c[1m])", 25.0 / 60),
        arguments(
            "zero point: the counter would reach 0 after 2 s, closer than 5 s: 20 x 22/20",
            "40=2 50=12 60=22",
            "increase(c[1m])",
            22.0),
        arguments(
            "counter reset adds the value before it: (13 - 5 + 15) x 60/50",
            "10=5 20=10 30=15 40=3 50=8 60=13",
            "increase(c[1m])",
            27.6),
        arguments("rate with a reset", "10=5 20=10 30=15 40=3 50=8 60=13", "rate(c[1m])", 0.46),
        arguments(
            "delta treats a drop as a drop: (13 - 5) x 60/50",
            "10=5 20=10 30=15 40=3 50=8 60=13",
            "delta(c[1m])",
            9.6),
        arguments(
            "left-open window: the sample at exactly 0 s (1000) is outside, so no reset",
            "0=1000 15=10 30=20 45=30 60=40",
            "increase(c[1m])",
            40.0),
        arguments(
            "series ends inside: end gap 35 s -> half a spacing: 20 x 30/20",
            "5=100 15=110 25=120",
            "increase(c[1m])",
            30.0),
        arguments("one sample gives no rate", "30=5", "rate(c[1m])", null),
        arguments(
            "a stale marker is no sample: 20 s apart, start stops at the zero point: 20 x 50/20",
            "20=10 30=stale 40=30",
            "increase(c[1m])",
            50.0),
        arguments("irate: last two samples", "10=5 20=10 25=30", "irate(c[1m])", 4.0),
        arguments(
            "irate after a reset: the last value is the increase",
            "10=5 20=10 25=3",
            "irate(c[1m])",
            0.6),
        arguments("irate with one sample", "25=3", "irate(c[1m])", null),
        arguments("avg_over_time", "10=1 20=2 30=3 40=4 50=5 60=6", "avg_over_time(c[1m])", 3.5),
        arguments("max_over_time", "10=1 20=2 30=6 40=4", "max_over_time(c[1m])", 6.0),
        arguments(
            "max_over_time replaces a leading NaN",
            "10=NaN 20=2 30=1",
            "max_over_time(c[1m])",
            2.0),
        arguments("min_over_time", "10=3 20=2 30=6", "min_over_time(c[1m])", 2.0),
        arguments("sum_over_time", "10=1 20=2 30=6", "sum_over_time(c[1m])", 9.0),
        arguments("count_over_time", "10=1 20=2 30=6", "count_over_time(c[1m])", 3.0),
        arguments("30 s window", "10=1 20=2 30=6 40=7 50=8 60=9", "max_over_time(c[30s])", 9.0),
        arguments("nothing in the window", "10=1", "avg_over_time(c[30s])", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatesAt60Seconds(String why, String samples, String query, Double expected) {
    SeriesFixture fixture = new SeriesFixture().load("c{job=\"api\"}", samples);

    Double actual = fixture.single(query, 60);

    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void functionsDropTheMetricNameAndKeepTheOtherLabels() {
    SeriesFixture fixture =
        new SeriesFixture()
            .load("c{job=\"api\",code=\"200\"}", "0=0 30=30")
            .load("c{job=\"api\",code=\"500\"}", "0=0 30=3");

    assertThat(fixture.vector("rate(c[1m])", 30))
        .containsExactly(
            new Sample(Labels.of("job", "api", "code", "200"), 0.5),
            new Sample(Labels.of("job", "api", "code", "500"), 0.05));
  }
}
