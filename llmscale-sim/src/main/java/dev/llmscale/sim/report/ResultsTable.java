package dev.llmscale.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The side-by-side results table: one column per policy, one row per figure. */
public final class ResultsTable {
  private ResultsTable() {}

  public static String render(List<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    rows.add(row("requests", r -> Long.toString(r.summary().requests())));
    rows.add(row("completed", r -> Long.toString(r.summary().completed())));
    rows.add(row("TTFT p50 / p90 / p99", r -> triple(r.summary().ttft())));
    rows.add(row("ITL p50 / p90 / p99", r -> triple(r.summary().itl())));
    rows.add(row("e2e p50 / p90 / p99", r -> triple(r.summary().e2e())));
    rows.add(row("SLO attainment", r -> percent(r.summary().sloAttainment())));
    rows.add(row("TTFT within target", r -> percent(r.summary().ttftAttainment())));
    rows.add(
        row(
            "goodput",
            r -> String.format(Locale.ROOT, "%.2f req/s", r.summary().goodputPerSecond())));
    rows.add(row("SLO met (at its quantile)", r -> r.summary().sloMet() ? "yes" : "no"));
    rows.add(row("errors", r -> errors(r.summary())));
    rows.add(row("GPU-hours", r -> String.format(Locale.ROOT, "%.2f", r.summary().gpuHours())));
    rows.add(row("cost", r -> String.format(Locale.ROOT, "$%.2f", r.summary().cost())));
    rows.add(
        row(
            "scaling actions (up / down)",
            r ->
                (r.summary().scaleUps() + r.summary().scaleDowns())
                    + " ("
                    + r.summary().scaleUps()
                    + " / "
                    + r.summary().scaleDowns()
                    + ")"));
    rows.add(
        row(
            "peak replicas / nodes",
            r -> r.summary().peakReplicas() + " / " + r.summary().peakNodes()));

    int labelWidth = "figure".length();
    for (Row row : rows) {
      labelWidth = Math.max(labelWidth, row.label.length());
    }
    int[] widths = new int[results.size()];
    for (int c = 0; c < results.size(); c++) {
      widths[c] = results.get(c).policy().length();
      for (Row row : rows) {
        widths[c] = Math.max(widths[c], row.cell.apply(results.get(c)).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(pad("", labelWidth));
    for (int c = 0; c < results.size(); c++) {
      out.append("  ").append(pad(results.get(c).policy(), widths[c]));
    }
    out.append('\n');
    for (Row row : rows) {
      out.append(pad(row.label, labelWidth));
      for (int c = 0; c < results.size(); c++) {
        out.append("  ").append(pad(row.cell.apply(results.get(c)), widths[c]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private record Row(String label, Function<RunResult, String> cell) {}

  private static Row row(String label, Function<RunResult, String> cell) {
    return new Row(label, cell);
  }

  private static String triple(Percentiles p) {
    if (p.count() == 0) {
      return "-";
    }
    return seconds(p.p50()) + " / " + seconds(p.p90()) + " / " + seconds(p.p99());
  }

  /** Milliseconds below 10 s, seconds above. */
  private static String seconds(double value) {
    return value < 10
        ? String.format(Locale.ROOT, "%.0f ms", value * 1e3)
        : String.format(Locale.ROOT, "%.1f s", value);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  private static String errors(RunSummary summary) {
    if (summary.errors().isEmpty()) {
      return "0";
    }
    StringBuilder text = new StringBuilder().append(summary.failed()).append(" (");
    boolean first = true;
    for (var entry : new java.util.TreeMap<>(summary.errors()).entrySet()) {
      if (!first) {
        text.append(", ");
      }
      text.append(entry.getKey()).append(' ').append(entry.getValue());
      first = false;
    }
    return text.append(')').toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
