package dev.llmscale.sim.report;

import dev.llmscale.report.HtmlReport;
import dev.llmscale.report.Series;
import dev.llmscale.report.TimeChart;
import dev.llmscale.sim.Comparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The self-contained HTML report of a comparison: the results table, charts over time (request
 * rate, p99 TTFT against the SLO, replicas desired and ready, nodes, what the policy read) and each
 * policy's scaling actions with its reasons.
 */
public final class SimulationReport {
  private static final int CHART_WIDTH = 1000;
  private static final int CHART_HEIGHT = 320;

  private SimulationReport() {}

  /**
   * @param description what the scenario shows
   * @param command the command line that produced it, shown verbatim
   * @param ttftTargetSeconds the SLO's TTFT target, drawn as a reference line
   */
  public static HtmlReport build(
      Comparison.Result comparison, String description, String command, double ttftTargetSeconds) {
    List<RunResult> results = comparison.runs();
    RunResult first = results.get(0);
    HtmlReport report =
        new HtmlReport(
            "Simulation: " + first.scenario(),
            String.format(
                Locale.ROOT,
                "seed %d, %.0f s simulated, SLO %s",
                first.seed(),
                first.durationSeconds(),
                first.slo()));
    if (description != null && !description.isBlank()) {
      report.paragraph(description);
    }
    report.heading("Results");
    List<String> headers = new ArrayList<>(List.of("figure"));
    for (RunResult result : results) {
      headers.add(result.policy());
    }
    report.table(headers, ResultsTable.rows(results, comparison.oracle()));
    report.paragraph(
        "GPU-hours are compared with an "
            + comparison.oracle().describe()
            + ": the least a fleet of this engine could spend on these requests within the SLO"
            + " knowing the future, with no cold start, no node granularity and no headroom"
            + " (docs/simulator.md).");

    report.heading("Over time");
    for (TimeChart chart : charts(results, ttftTargetSeconds).values()) {
      report.chart(chart);
    }

    for (RunResult result : results) {
      report.heading("Scaling actions: " + result.policy());
      if (result.actions().isEmpty()) {
        report.paragraph("none");
        continue;
      }
      List<List<String>> rows = new ArrayList<>();
      for (ScalingAction action : result.actions()) {
        rows.add(
            List.of(
                String.format(Locale.ROOT, "%.0f", action.timeSeconds()),
                action.from() + " -> " + action.to(),
                action.reason()));
      }
      report.table(List.of("time (s)", "replicas", "reason"), rows);
    }
    report.heading("Command");
    report.preformatted(command);
    return report;
  }

  /**
   * The charts over time, by file name stem: {@code rate}, {@code ttft-p99}, {@code signal}, {@code
   * replicas}, {@code nodes}.
   */
  public static Map<String, TimeChart> charts(List<RunResult> results, double ttftTargetSeconds) {
    Map<String, TimeChart> charts = new LinkedHashMap<>();
    charts.put(
        "rate",
        chart("Requests arriving", "req/s", results.subList(0, 1), TimePoint::arrivalRate, false));
    charts.put(
        "ttft-p99",
        chart("p99 TTFT (exact, per interval)", "s", results, TimePoint::ttftP99Seconds, false)
            .reference("TTFT target", ttftTargetSeconds)
            .yMaximum(Math.max(10 * ttftTargetSeconds, 1)));
    charts.put(
        "signal",
        chart(
                "What the policy read (its first query)",
                "value",
                results,
                TimePoint::policySignal,
                false)
            .yMaximum(Math.max(10 * ttftTargetSeconds, 1)));
    TimeChart replicas = new TimeChart("Replicas", "time (s)", "replicas");
    for (RunResult result : results) {
      replicas.add(
          Series.dashed(
              result.policy() + " desired",
              times(result),
              values(result, p -> p.desiredReplicas())));
      replicas.add(
          Series.step(
              result.policy() + " ready", times(result), values(result, p -> p.readyReplicas())));
    }
    charts.put("replicas", replicas);
    charts.put(
        "nodes",
        chart(
            "GPU nodes (ready and provisioning)",
            "nodes",
            results,
            p -> p.readyNodes() + p.provisioningNodes(),
            true));
    return charts;
  }

  /** Writes each chart as {@code <name>.svg} into {@code dir}; returns the files. */
  public static List<Path> writeCharts(Path dir, List<RunResult> results, double ttftTargetSeconds)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, TimeChart> chart : charts(results, ttftTargetSeconds).entrySet()) {
      Path file = dir.resolve(chart.getKey() + ".svg");
      Files.writeString(
          file,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + chart.getValue().svg(CHART_WIDTH, CHART_HEIGHT)
              + "\n");
      files.add(file);
    }
    return files;
  }

  private static TimeChart chart(
      String title,
      String unit,
      List<RunResult> results,
      ToDoubleFunction<TimePoint> value,
      boolean step) {
    TimeChart chart = new TimeChart(title, "time (s)", unit);
    for (RunResult result : results) {
      double[] x = times(result);
      double[] y = values(result, value);
      chart.add(step ? Series.step(result.policy(), x, y) : Series.line(result.policy(), x, y));
    }
    return chart;
  }

  private static double[] times(RunResult result) {
    return values(result, TimePoint::timeSeconds);
  }

  private static double[] values(RunResult result, ToDoubleFunction<TimePoint> value) {
    List<TimePoint> series = result.series();
    double[] values = new double[series.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.applyAsDouble(series.get(i));
    }
    return values;
  }
}
