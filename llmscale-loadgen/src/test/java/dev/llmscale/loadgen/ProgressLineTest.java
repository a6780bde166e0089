package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final ProgressLine.Snapshot EARLY =
      new ProgressLine.Snapshot(12.34, 96, 200, 7, 1, 48.2);
  private static final ProgressLine.Snapshot LATER =
      new ProgressLine.Snapshot(13.0, 101, 0, 3, 0, Double.NaN);

  @Test
  void onATerminalTheLineIsRedrawnInPlace() {
    StringWriter text = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(text), true, Duration.ofSeconds(5));

    line.update(0, EARLY, false);
    line.update(100_000_000L, LATER, false); // within half a second: skipped
    line.update(600_000_000L, LATER, false);
    line.end();

    String[] draws = text.toString().split("\r");
    assertThat(draws).hasSize(3); // "", first, second
    assertThat(draws[1])
        .isEqualTo(
            "loadgen   12.3 s  done 96/200  7.8 req/s  p99 TTFT (10 s) 48.2 ms  in flight 7  errors 1");
    assertThat(draws[2]).startsWith("loadgen   13.0 s  done 101  7.8 req/s  p99 TTFT (10 s) -");
    assertThat(draws[2].stripTrailing().length()).isLessThan(draws[2].length() - 1); // padded
    assertThat(text.toString()).endsWith("\n").doesNotContain("\n\r");
  }

  @Test
  void elsewhereOneLineEveryInterval() {
    StringWriter text = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(text), false, Duration.ofSeconds(5));

    assertThat(line.due(0)).isTrue();
    line.update(0, EARLY, false);
    assertThat(line.due(4_000_000_000L)).isFalse();
    line.update(4_000_000_000L, LATER, false);
    line.update(4_500_000_000L, LATER, true); // the final line is always printed
    line.end();

    assertThat(text.toString().lines()).hasSize(2).noneMatch(l -> l.contains("\r"));
    assertThat(ProgressLine.off().due(0)).isFalse();
  }
}
