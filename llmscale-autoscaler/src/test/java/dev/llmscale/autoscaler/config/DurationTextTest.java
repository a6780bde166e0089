package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest(name = "{0} = {1} ms, shown as {2}")
  @CsvSource({
    "250ms, 250, 250ms",
    "30s, 30000, 30s",
    "5m, 300000, 5m",
    "1h, 3600000, 1h",
    "1m30s, 90000, 90s",
    "1.5h, 5400000, 90m",
    "30, 30000, 30s",
    "2.5, 2500, 2500ms",
    "0, 0, 0s",
  })
  void readsWhatPeopleWrite(String text, long millis, String shown) {
    Duration duration = DurationText.parse(text);

    assertThat(duration).isEqualTo(Duration.ofMillis(millis));
    assertThat(DurationText.format(duration)).isEqualTo(shown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "-5s", "5 minutes", "5d", "30s5", "PT30S", "1,5s"})
  void rejectsTheRest(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a duration such as 250ms, 30s, 5m, 1h, 1m30s, or seconds as a number,"
                + " found '"
                + text
                + "'");
  }
}
