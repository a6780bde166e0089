package dev.llmscale.cli.demo;

import dev.llmscale.cli.demo.PolicyRun.WindowBy;
import dev.llmscale.report.HtmlReport;
import dev.llmscale.report.Series;
import dev.llmscale.report.TimeChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's summary table and its HTML report: load, TTFT against the SLO, replicas. */
final class DemoReport {
  private DemoReport() {}

  static final List<String> HEADERS =
      List.of(
          "policy",
          "requests",
          "errors",
          "TTFT p50",
          "TTFT p99",
          "requests within SLO",
          "burst windows p99 within SLO (by send / by first token)",
          "replica-seconds",
          "max replicas",
          "scaling actions");

  static List<String> row(PolicyRun run) {
    return List.of(
        run.policy(),
        Long.toString(run.requests().size()),
        Long.toString(run.errors()),
        seconds(run.ttftQuantile(0.5)),
        seconds(run.ttftQuantile(0.99)),
        percent(run.sloAttainment()),
        percent(run.shareOfWindowsWithinSlo(run.burstFrom(), run.burstTo(), WindowBy.SENT))
            + " / "
            + percent(
                run.shareOfWindowsWithinSlo(run.burstFrom(), run.burstTo(), WindowBy.FIRST_TOKEN)),
        String.format(Locale.ROOT, "%.0f", run.replicaSeconds()),
        Integer.toString(run.maxReplicas()),
        Integer.toString(run.scalingActions()));
  }

  /** The summary as an aligned text table for the terminal. */
  static String table(List<PolicyRun> runs) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (PolicyRun run : runs) {
      rows.add(row(run));
    }
    int[] widths = new int[HEADERS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        text.append(
            i == 0 ? String.format("%-" + widths[i] + "s", cell) : "  " + pad(cell, widths[i]));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String pad(String cell, int width) {
    return " ".repeat(Math.max(0, width - cell.length())) + cell;
  }

  static Path write(Path file, DemoSettings settings, List<PolicyRun> runs, String verdict)
      throws IOException {
    HtmlReport report =
        new HtmlReport(
            "llmscale demo: a burst against " + describePolicies(runs), settings.describe());
    report.heading("Summary");
    List<List<String>> rows = new ArrayList<>();
    for (PolicyRun run : runs) {
      rows.add(row(run));
    }
    report.table(HEADERS, rows);
    report.paragraph(verdict);
    report.paragraph(
        "TTFT is measured by the load generator for every request; a window's p99 counts a failed"
            + " request as a miss. Replica-seconds integrate every replica that exists, starting"
            + " or ready, since a loading replica holds its GPU too.");
    for (PolicyRun run : runs) {
      report.heading("Policy: " + run.policy());
      double end = run.endSeconds();
      double[] starts = windowStarts(run, end);
      report.chart(
          new TimeChart("Load", "time (s)", "requests/s")
              .add(Series.step("sent", starts, run.windowRate(0, end)))
              .band("burst", run.burstFrom(), run.burstTo()));
      TimeChart ttft =
          new TimeChart("TTFT p99 against the SLO", "time (s)", "seconds")
              .add(
                  Series.line(
                      "p99 per " + (int) run.windowSeconds() + " s",
                      starts,
                      run.windowP99(0, end, WindowBy.SENT)))
              .add(
                  Series.line(
                      "p99 the autoscaler saw",
                      run.samples().stream().mapToDouble(ReplicaSample::seconds).toArray(),
                      run.samples().stream().mapToDouble(ReplicaSample::observedTtftP99).toArray()))
              .reference(String.format(Locale.ROOT, "SLO %.2f s", run.slo()), run.slo())
              .band("burst", run.burstFrom(), run.burstTo())
              .yMaximum(run.slo() * 6);
      report.chart(ttft);
      double[] t = run.samples().stream().mapToDouble(ReplicaSample::seconds).toArray();
      report.chart(
          new TimeChart("Replicas", "time (s)", "replicas")
              // Widest first, so lines that agree stay visible along each other's edges.
              .add(Series.step("existing", t, ints(run, ReplicaSample::existing)), 7)
              .add(Series.step("ready", t, ints(run, ReplicaSample::ready)), 4)
              .add(Series.step("desired", t, ints(run, ReplicaSample::desired)), 1.8)
              .band("burst", run.burstFrom(), run.burstTo()));
    }
    report.heading("How this was run");
    report.preformatted(settings.commandLine());
    return report.write(file);
  }

  private static double[] windowStarts(PolicyRun run, double end) {
    int windows = Math.max(1, (int) Math.ceil(end / run.windowSeconds()));
    double[] starts = new double[windows];
    for (int i = 0; i < windows; i++) {
      starts[i] = i * run.windowSeconds();
    }
    return starts;
  }

  private static double[] ints(
      PolicyRun run, java.util.function.ToIntFunction<ReplicaSample> field) {
    return run.samples().stream().mapToDouble(s -> field.applyAsInt(s)).toArray();
  }

  private static String describePolicies(List<PolicyRun> runs) {
    return String.join(" and ", runs.stream().map(PolicyRun::policy).toList());
  }

  static String seconds(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f s", value) : "-";
  }

  static String percent(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f %%", value * 100) : "-";
  }
}
