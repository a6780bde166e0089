package dev.llmscale.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.ExternalTools;
import dev.llmscale.report.DrawnChart;
import dev.llmscale.report.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's report as a user opens it: headless Chromium renders the summary table and, for each
 * policy, the load, TTFT-against-SLO and replica charts, and the screenshot shows their lines.
 */
class DemoReportInBrowserIT {

  @Test
  void theReportDrawsEveryPolicysCharts(@TempDir Path dir) throws Exception {
    Path chromium = Path.of(ExternalTools.require("chromium"));
    List<PolicyRun> runs = List.of(run("threshold", 2.5), run("slo-planner", 0.6));
    Path page =
        DemoReport.write(dir.resolve("report.html"), settings(dir), runs, Demo.verdict(runs));

    HeadlessChromium.Rendering rendering = new HeadlessChromium(chromium).render(page);

    String dom = rendering.dom();
    assertThat(count(dom, "<svg")).as("3 charts per policy").isEqualTo(6);
    assertThat(dom).contains("<td>threshold</td>").contains("<td>slo-planner</td>");
    assertThat(dom).contains("The SLO planner kept p99 TTFT within the SLO for a larger share");
    assertThat(count(dom, "class=\"reference\""))
        .as("the SLO line on each TTFT chart")
        .isEqualTo(2);
    List<DrawnChart> charts = DrawnChart.all(rendering);
    assertThat(charts).as("the first policy's charts are on screen").hasSizeGreaterThanOrEqualTo(3);
    for (DrawnChart chart : charts.subList(0, 3)) {
      for (DrawnChart.Line line : chart.lines()) {
        long shown = line.points().stream().filter(p -> chart.shows(line.color(), p, 5)).count();
        assertThat(shown)
            .as("%s: points of '%s' painted in its colour", chart.title(), line.series())
            .isGreaterThan(line.points().size() / 2);
      }
    }
  }

  /** A run whose burst raises TTFT to {@code burstTtft} while replicas go from 1 to 3. */
  private static PolicyRun run(String policy, double burstTtft) {
    List<RequestOutcome> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double sent = i * 0.5;
      boolean burst = sent >= 15 && sent < 70;
      requests.add(new RequestOutcome(sent, burst ? burstTtft : 0.2, true));
    }
    List<ReplicaSample> samples = new ArrayList<>();
    for (int i = 0; i <= 200; i++) {
      double t = i * 0.5;
      int replicas = t < 20 ? 1 : t < 75 ? 3 : 2;
      int ready = t < 35 ? 1 : replicas;
      // What the autoscaler saw lags and exceeds what clients measured, so the lines stay apart.
      samples.add(new ReplicaSample(t, replicas, replicas, ready, t < 20 ? 0.4 : burstTtft * 1.6));
    }
    return new PolicyRun(policy, requests, samples, 1.0, 5, 15, 70);
  }

  private static DemoSettings settings(Path dir) {
    return new DemoSettings(
        DemoSettings.POLICIES,
        "llama-3.1-8b",
        "a10",
        1000,
        100,
        1.5,
        7,
        Duration.ofSeconds(100),
        Duration.ofSeconds(15),
        Duration.ofSeconds(55),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        1,
        4,
        "scrape",
        1,
        dir,
        false,
        "llmscale demo");
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
