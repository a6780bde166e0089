package dev.llmscale.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusFloatsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1, 1.0",
    "-2.5e-3, -0.0025",
    "+7, 7.0",
    ".5, 0.5",
    "5., 5.0",
    "1E3, 1000.0",
    "+Inf, Infinity",
    "-Inf, -Infinity",
    "inf, Infinity",
    "Infinity, Infinity",
    "-infinity, -Infinity",
    "NaN, NaN",
    "nan, NaN",
  })
  void readsWhatPrometheusWrites(String text, double expected) {
    assertThat((Object) PrometheusFloats.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "abc", "1d", "1f", " 1", "1 ", "0x1p3", "1_000", "+NaN", "1e400", "--1"})
  void rejectsWhatGoRejects(String text) {
    assertThatThrownBy(() -> PrometheusFloats.parse(text))
        .isInstanceOf(NumberFormatException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1.0, 1", "-3, -3", "0.25, 0.25", "Infinity, +Inf", "-Infinity, -Inf", "NaN, NaN"})
  void formatsReadably(double value, String expected) {
    assertThat(PrometheusFloats.format(value)).isEqualTo(expected);
  }
}
