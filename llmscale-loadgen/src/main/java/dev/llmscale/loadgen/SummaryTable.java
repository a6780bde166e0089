package dev.llmscale.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-of-run table printed to the terminal (stdout). */
public final class SummaryTable {
  private SummaryTable() {}

  /** The summary table, headed by {@code title}. */
  public static String format(RunSummary s, String title) {
    StringBuilder out = new StringBuilder();
    out.append(title).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %10s %10s %10s %10s %10s %10s %10s %10s%n",
            "metric",
            "avg",
            "min",
            "p50",
            "p90",
            "p95",
            "p99",
            "max",
            "std"));
    row(out, "time to first token (ms)", s.ttft());
    row(out, "inter-token latency (ms)", s.itl());
    row(out, "inter-chunk latency (ms)", s.interChunk());
    row(out, "request latency (ms)", s.requestLatency());
    row(out, "input tokens", s.inputTokens());
    row(out, "output tokens", s.outputTokens());
    row(out, "output tokens/s per user", s.outputTokensPerUser());
    row(out, "send lag (ms)", s.sendLag());
    row(out, "client loop lag (ms)", s.loopLag());
    List<String[]> scalars = new ArrayList<>();
    scalars.add(pair("benchmark duration (s)", fmt(s.durationSeconds())));
    scalars.add(
        pair(
            "requests",
            String.format(
                Locale.ROOT,
                "%,d sent, %,d ok, %,d errors%s%s",
                s.sent(),
                s.succeeded(),
                s.errorCount(),
                s.cancelled() > 0 ? ", " + s.cancelled() + " cancelled at the end" : "",
                s.unsent() > 0 ? ", " + s.unsent() + " never sent (client queue)" : "")));
    scalars.add(pair("request throughput (req/s)", fmt(s.requestThroughput())));
    scalars.add(pair("output token throughput (tok/s)", fmt(s.outputTokenThroughput())));
    Object slo = s.settings().get("slo");
    if (slo != null) {
      scalars.add(
          pair(
              "goodput (req/s)",
              String.format(
                  Locale.ROOT,
                  "%s (%s; %s of ok requests)",
                  fmt(s.goodput()),
                  slo,
                  s.succeeded() == 0
                      ? "n/a"
                      : String.format(Locale.ROOT, "%.1f %%", 100.0 * s.good() / s.succeeded()))));
    }
    if (!s.errors().isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      for (Map.Entry<String, Long> e : s.errors().entrySet()) {
        kinds
            .append(kinds.isEmpty() ? "" : ", ")
            .append(e.getKey())
            .append(' ')
            .append(e.getValue());
      }
      scalars.add(pair("errors by kind", kinds.toString()));
    }
    scalars.add(
        pair(
            "tokens (ok requests)",
            String.format(
                Locale.ROOT,
                "%,d in (server counted %s), %,d out",
                s.totalInputTokens(),
                s.totalServerPromptTokens() < 0
                    ? "n/a"
                    : String.format(Locale.ROOT, "%,d", s.totalServerPromptTokens()),
                s.totalOutputTokens())));
    scalars.add(
        pair(
            "load generator",
            String.format(
                Locale.ROOT,
                "%.1f s CPU (%.0f %% of one core), %,d connections",
                s.clientCpuSeconds(),
                s.durationSeconds() > 0 ? 100 * s.clientCpuSeconds() / s.durationSeconds() : 0.0,
                s.connectionsOpened())));
    s.server()
        .ifPresent(
            server -> {
              scalars.add(
                  pair(
                      "server /metrics (" + server.family() + ")",
                      String.format(
                          Locale.ROOT,
                          "TTFT mean %s ms (client +%s), ITL mean %s ms (client %s)%s",
                          fmt(server.ttftMeanMs()),
                          fmt(s.ttft().mean() - server.ttftMeanMs()),
                          fmt(server.itlMeanMs()),
                          fmt(s.itl().mean()),
                          Double.isNaN(server.emitLagMeanMs())
                              ? ""
                              : ", emit lag mean " + fmt(server.emitLagMeanMs()) + " ms")));
              scalars.add(
                  pair(
                      "server tokens and requests",
                      String.format(
                          Locale.ROOT,
                          "%,d prompt, %,d generated, %,d first tokens",
                          server.promptTokens(),
                          server.generationTokens(),
                          server.requests())));
            });
    for (String[] p : scalars) {
      out.append(String.format(Locale.ROOT, "%-32s %s%n", p[0], p[1]));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Distribution d) {
    if (d.count() == 0) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %10s %10s %10s %10s %10s %10s %10s %10s%n",
            name,
            fmt(d.mean()),
            fmt(d.min()),
            fmt(d.p50()),
            fmt(d.p90()),
            fmt(d.p95()),
            fmt(d.p99()),
            fmt(d.max()),
            fmt(d.stddev())));
  }

  private static String[] pair(String name, String value) {
    return new String[] {name, value};
  }

  /** Three significant digits at least, thousands separated. */
  static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
