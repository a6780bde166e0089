package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunLimitTest {

  @Test
  void stopsAtTheCountOrTheDurationWhicheverComesFirst() {
    RunLimit limit = RunLimit.of(OptionalLong.of(3), Optional.of(Duration.ofSeconds(10)));

    assertThat(limit.allowsAnother(0, 0)).isTrue();
    assertThat(limit.allowsAnother(2, 9_999_999_999L)).isTrue();
    assertThat(limit.allowsAnother(3, 0)).isFalse();
    assertThat(limit.allowsAnother(1, 10_000_000_000L)).isFalse();
  }

  @Test
  void everyRunIsBounded() {
    assertThatThrownBy(() -> RunLimit.of(OptionalLong.empty(), Optional.empty()))
        .hasMessageContaining("count or a duration");
    assertThatThrownBy(() -> RunLimit.count(0)).hasMessageContaining("> 0");
    assertThat(RunLimit.count(5).duration()).isEmpty();
    assertThat(RunLimit.duration(Duration.ofMinutes(1)).requests()).isEmpty();
  }
}
