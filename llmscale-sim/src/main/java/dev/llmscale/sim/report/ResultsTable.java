package dev.llmscale.sim.report;

import dev.llmscale.sim.oracle.OracleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The side-by-side results table: one column per policy, one row per figure. */
public final class ResultsTable {
  private ResultsTable() {}

  /** The table as text, columns padded. */
  public static String render(List<RunResult> results, OracleResult oracle) {
    List<List<String>> rows = rows(results, oracle);
    int[] widths = new int[results.size() + 1];
    widths[0] = "figure".length();
    for (int c = 0; c < results.size(); c++) {
      widths[c + 1] = results.get(c).policy().length();
    }
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(pad("", widths[0]));
    for (int c = 0; c < results.size(); c++) {
      out.append("  ").append(pad(results.get(c).policy(), widths[c + 1]));
    }
    out.append('\n');
    for (List<String> row : rows) {
      out.append(pad(row.get(0), widths[0]));
      for (int c = 1; c < row.size(); c++) {
        out.append("  ").append(pad(row.get(c), widths[c]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * One row per figure: its name, then one cell per policy.
   *
   * @param oracle the bound GPU-hours are compared with, or null for none
   */
  public static List<List<String>> rows(List<RunResult> results, OracleResult oracle) {
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
    if (oracle != null) {
      rows.add(
          row(
              "GPU-hours / oracle",
              r -> String.format(Locale.ROOT, "%.2fx", oracle.ratio(r.summary().gpuHours()))));
    }
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

    List<List<String>> table = new ArrayList<>();
    for (Row row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.label));
      for (RunResult result : results) {
        cells.add(row.cell.apply(result));
      }
      table.add(cells);
    }
    return table;
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
