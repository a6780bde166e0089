package dev.llmscale.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimeChartTest {

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void drawsEverySeriesTheReferenceLineAndTheBand() {
    String svg =
        new TimeChart("p99 TTFT", "time (s)", "seconds")
            .add(Series.line("p99", new double[] {0, 10, 20}, new double[] {0.1, 0.9, 0.2}))
            .add(Series.step("replicas", new double[] {0, 10, 20}, new double[] {1, 2, 2}))
            .reference("SLO 0.3 s", 0.3)
            .band("burst", 5, 15)
            .svg(800, 300);

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(count(svg, "<g class=\"series\"")).isEqualTo(2);
    assertThat(count(svg, "<polyline")).isEqualTo(2);
    assertThat(count(svg, "class=\"reference\"")).isEqualTo(1);
    assertThat(count(svg, "class=\"band\"")).isEqualTo(1);
    assertThat(svg).contains(">SLO 0.3 s</text>").contains(">replicas</text>");
  }

  @Test
  void aStepSeriesHoldsEachValueUntilTheNextPoint() {
    String svg =
        new TimeChart("r", "t", "n")
            .add(Series.step("replicas", new double[] {0, 10}, new double[] {1, 2}))
            .svg(800, 300);
    Matcher points = Pattern.compile("points=\"([^\"]+)\"").matcher(svg);
    assertThat(points.find()).isTrue();
    String[] xy = points.group(1).split(" ");
    assertThat(xy).hasSize(3); // (0,1) (10,1) (10,2)
    assertThat(xy[1].split(",")[1]).isEqualTo(xy[0].split(",")[1]);
    assertThat(xy[1].split(",")[0]).isEqualTo(xy[2].split(",")[0]);
  }

  @Test
  void missingValuesBreakTheLineInsteadOfDrawingZero() {
    String svg =
        new TimeChart("gap", "t", "v")
            .add(
                Series.line(
                    "p99", new double[] {0, 1, 2, 3, 4}, new double[] {1, 1, Double.NaN, 2, 2}))
            .svg(800, 300);
    assertThat(count(svg, "<polyline")).isEqualTo(2);
  }

  @Test
  void textIsEscaped() {
    String svg = new TimeChart("a < b & c", "t", "v").svg(400, 200);
    assertThat(svg).contains("a &lt; b &amp; c").doesNotContain("a < b");
  }

  @Test
  void seriesRejectMismatchedOrUnorderedPoints() {
    assertThatThrownBy(() -> Series.line("x", new double[] {0, 1}, new double[] {1}))
        .hasMessage("series 'x': 2 times but 1 values");
    assertThatThrownBy(() -> Series.line("x", new double[] {1, 0}, new double[] {1, 1}))
        .hasMessage("series 'x': times must not decrease");
  }

  @Test
  void axesUseRoundTicks() {
    Axis axis = Axis.of(0, 0.87, 6);
    assertThat(axis.step()).isEqualTo(0.2);
    assertThat(axis.max()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(axis.label(0.4)).isEqualTo("0.4");
    assertThat(Axis.of(0, 1234, 8).step()).isEqualTo(200);
    assertThat(Axis.of(0, 1234, 8).label(400)).isEqualTo("400");
  }
}
