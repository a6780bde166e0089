package dev.llmscale.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void orderOfConstructionDoesNotMatterAndEmptyValuesAreNoLabels() {
    Labels a = Labels.metric("req", "model", "m", "code", "200", "zone", "");
    Labels b = Labels.of("code", "200", Labels.METRIC_NAME, "req", "model", "m");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.get("zone")).isEmpty();
    assertThat(a.get("absent")).isEmpty();
    assertThat(a.metricName()).isEqualTo("req");
  }

  @Test
  void keepWithoutAndWithDeriveNewSets() {
    Labels series = Labels.metric("req", "model", "m", "code", "200");

    assertThat(series.withoutMetricName()).isEqualTo(Labels.of("model", "m", "code", "200"));
    assertThat(series.keep(List.of("model", "absent"))).isEqualTo(Labels.of("model", "m"));
    assertThat(series.without(List.of("code", Labels.METRIC_NAME)))
        .isEqualTo(Labels.of("model", "m"));
    assertThat(series.with("code", "")).isEqualTo(Labels.metric("req", "model", "m"));
    assertThat(series.with("instance", "a:1").get("instance")).isEqualTo("a:1");
  }

  @Test
  void printsInPrometheusNotationWithEscapes() {
    assertThat(Labels.metric("vllm:num_requests_running", "model_name", "say \"hi\"\\\n"))
        .hasToString("vllm:num_requests_running{model_name=\"say \\\"hi\\\"\\\\\\n\"}");
    assertThat(Labels.of("le", "0.5")).hasToString("{le=\"0.5\"}");
  }

  @Test
  void sortsByNamesThenValues() {
    Labels a = Labels.of("a", "1");
    Labels b = Labels.of("a", "2");
    Labels c = Labels.of("a", "1", "b", "1");

    assertThat(List.of(c, b, a).stream().sorted().toList()).containsExactly(a, c, b);
  }
}
