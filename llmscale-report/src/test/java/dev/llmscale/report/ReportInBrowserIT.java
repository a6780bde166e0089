package dev.llmscale.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.ExternalTools;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a user sees it: rendered by headless Chromium, the DOM holds the table and the
 * three charts, and the screenshot shows every line where its SVG puts it, the gap where data is
 * missing, the shaded burst and the SLO line.
 */
class ReportInBrowserIT {
  private static final double BURST_FROM = 40;
  private static final double BURST_TO = 80;
  private static final double GAP_FROM = 56;
  private static final double GAP_TO = 64;

  /**
   * Where a line's colour is looked for around each of its points, in pixels: wider than a gap of a
   * dashed line (3), in which a point may fall.
   */
  private static final int NEAR = 5;

  private static final Path KEPT = Path.of("target", "report-in-browser");

  @TempDir static Path dir;
  private static HeadlessChromium.Rendering rendering;

  @BeforeAll
  static void render() throws Exception {
    Path chromium = Path.of(ExternalTools.require("chromium"));
    Path page = report().write(dir.resolve("report.html"));
    rendering = new HeadlessChromium(chromium).render(page);
    // Kept for a look when a check fails.
    Files.createDirectories(KEPT);
    Files.copy(page, KEPT.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    ImageIO.write(rendering.screenshot(), "png", KEPT.resolve("screenshot.png").toFile());
  }

  /**
   * A burst from 40 s to 80 s: load, TTFT against its SLO (p50 missing for a while: no request
   * finished), replicas. The data keep lines apart so none hides another.
   */
  private static HtmlReport report() {
    double[] t = IntStream.rangeClosed(0, 60).mapToDouble(i -> 2.0 * i).toArray();
    double[] offered = map(t, s -> inBurst(s) ? 16 : 4);
    double[] served = map(t, s -> inBurst(s) ? 12 : 2);
    double[] p50 = map(t, s -> s >= GAP_FROM && s <= GAP_TO ? Double.NaN : inBurst(s) ? 0.4 : 0.1);
    double[] p99 = map(t, s -> inBurst(s) ? 0.9 : 0.25);
    double[] replicas = map(t, s -> s >= 50 && s < 96 ? 6 : 2);
    double[] forecast = map(t, s -> inBurst(s) ? 5.5 : 1.5);
    return new HtmlReport("Burst: threshold policy", "120 s, 4 → 16 req/s")
        .heading("Summary")
        .table(
            List.of("policy", "p99 TTFT", "SLO met", "replica-seconds"),
            List.of(
                List.of("threshold", "0.90 s", "62 %", "412"),
                List.of("slo-planner", "0.48 s", "97 %", "398")))
        .heading("Load")
        .chart(
            new TimeChart("Load", "time (s)", "req/s")
                .add(Series.line("offered", t, offered))
                .add(Series.line("served", t, served))
                .band("burst", BURST_FROM, BURST_TO))
        .heading("TTFT")
        .chart(
            new TimeChart("TTFT", "time (s)", "seconds")
                .add(Series.line("p50", t, p50))
                .add(Series.line("p99", t, p99))
                .reference("SLO 0.5 s", 0.5))
        .heading("Replicas")
        .chart(
            new TimeChart("Replicas", "time (s)", "replicas")
                .add(Series.step("ready", t, replicas))
                .add(Series.dashed("forecast", t, forecast)));
  }

  @Test
  void theRenderedDomHoldsTheTableAndEveryChartElement() {
    String dom = rendering.dom();
    assertThat(count(dom, "<table>")).isEqualTo(1);
    assertThat(dom)
        .contains("<th>policy</th><th>p99 TTFT</th><th>SLO met</th><th>replica-seconds</th>")
        .contains("<td>slo-planner</td><td>0.48 s</td><td>97 %</td><td>398</td>");
    assertThat(count(dom, "<figure><svg ")).isEqualTo(3);
    assertThat(count(dom, "<polyline ")).isEqualTo(2 + 3 + 2); // the p50 gap splits its line
    assertThat(count(dom, "class=\"band\"")).isEqualTo(1);
    assertThat(count(dom, "class=\"reference\"")).isEqualTo(1);
  }

  @Test
  void theScreenshotIsAPageNotABlankWindow() {
    BufferedImage image = rendering.screenshot();
    assertThat(image.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
    assertThat(image.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertThat(colours).hasSizeGreaterThan(200); // text, lines and fills, antialiased
  }

  @Test
  void everyChartIsOnScreenInOrder() {
    List<DrawnChart> charts = DrawnChart.all(rendering);
    assertThat(charts).extracting(DrawnChart::title).containsExactly("Load", "TTFT", "Replicas");
    for (int i = 1; i < charts.size(); i++) {
      assertThat(charts.get(i).frame().y).isGreaterThan(charts.get(i - 1).frame().y);
    }
  }

  @Test
  void everyLineIsDrawnThroughEachOfItsPointsInItsOwnColour() {
    for (DrawnChart chart : DrawnChart.all(rendering)) {
      List<DrawnChart.Line> lines = chart.lines();
      assertThat(lines).as(chart.title()).isNotEmpty();
      assertThat(lines.stream().map(DrawnChart.Line::color).distinct().count())
          .as("%s: each series its own colour", chart.title())
          .isEqualTo(lines.stream().map(DrawnChart.Line::series).distinct().count());
      for (DrawnChart.Line line : lines) {
        for (Point2D point : line.points()) {
          assertThat(chart.shows(line.color(), point, NEAR))
              .as("%s: %s drawn at %s", chart.title(), line.series(), point)
              .isTrue();
        }
      }
    }
  }

  @Test
  void missingDataLeaveAGapInTheLine() {
    DrawnChart ttft = DrawnChart.all(rendering).get(1);
    List<DrawnChart.Line> p50 =
        ttft.lines().stream().filter(l -> l.series().equals("p50")).toList();
    assertThat(p50).hasSize(2);
    double gapStart = p50.get(0).points().getLast().getX();
    double gapEnd = p50.get(1).points().getFirst().getX();
    Rectangle2D plot = ttft.plotArea();
    Rectangle2D gap =
        new Rectangle2D.Double(
            gapStart + 2 * NEAR, plot.getY(), gapEnd - gapStart - 4 * NEAR, plot.getHeight());
    assertThat(gap.getWidth()).isPositive();
    assertThat(ttft.count(p50.get(0).color(), gap)).isZero();
  }

  @Test
  void theBurstIsShadedAndNothingElseIs() {
    DrawnChart load = DrawnChart.all(rendering).get(0);
    String tag = load.elements("band").getFirst();
    Color shade =
        DrawnChart.overWhite(
            DrawnChart.color(DrawnChart.attribute(tag, "fill")),
            Double.parseDouble(DrawnChart.attribute(tag, "opacity")));
    Rectangle2D band = DrawnChart.rectangle(tag);
    Rectangle2D inside = inset(band, NEAR);
    Rectangle2D plot = load.plotArea();
    Rectangle2D before =
        inset(
            new Rectangle2D.Double(
                plot.getX(), band.getY(), band.getX() - plot.getX(), band.getHeight()),
            NEAR);
    // Grid lines, the lines and the label cover part of the band; edges of lines outside it may
    // blend into a pixel or two of about its colour.
    assertThat(load.count(shade, inside)).isGreaterThan((int) (0.8 * load.pixels(inside)));
    assertThat(load.count(shade, before)).isLessThan((int) (0.01 * load.pixels(before)));
  }

  @Test
  void theSloIsADashedLineAcrossThePlot() {
    DrawnChart ttft = DrawnChart.all(rendering).get(1);
    String tag = ttft.elements("reference").getFirst();
    double x1 = Double.parseDouble(DrawnChart.attribute(tag, "x1"));
    double x2 = Double.parseDouble(DrawnChart.attribute(tag, "x2"));
    double y = Double.parseDouble(DrawnChart.attribute(tag, "y1"));
    Color stroke = DrawnChart.color(DrawnChart.attribute(tag, "stroke"));
    Rectangle2D along = new Rectangle2D.Double(x1, y - 1, x2 - x1, 2);
    Rectangle2D below = new Rectangle2D.Double(x1, y + 2 * NEAR, x2 - x1, 2);
    // Dashes of 6 and gaps of 4: about 60 % of the way is drawn; the lines cross it here and there.
    int columns = (int) (x2 - x1);
    assertThat(ttft.count(stroke, along)).isGreaterThan(columns / 2);
    assertThat(ttft.count(stroke, below)).isLessThan(columns / 20);
  }

  private static Rectangle2D inset(Rectangle2D r, double by) {
    return new Rectangle2D.Double(
        r.getX() + by, r.getY() + by, r.getWidth() - 2 * by, r.getHeight() - 2 * by);
  }

  private static boolean inBurst(double s) {
    return s >= BURST_FROM && s < BURST_TO;
  }

  private static double[] map(double[] t, DoubleUnaryOperator f) {
    return Arrays.stream(t).map(f).toArray();
  }

  private static int count(String text, String literal) {
    Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
