package dev.llmscale.cli.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The demo's live line: load, the tail TTFT the autoscaler reads against the SLO, replicas. On a
 * terminal it rewrites one line every second; otherwise (CI logs, pipes) it prints a line every
 * five seconds.
 */
final class LiveView {
  private final PrintStream out;
  private final boolean terminal;
  private final double slo;
  private long lastPrintedSecond = -1;
  private int lastLength;

  LiveView(PrintStream out, boolean terminal, double slo) {
    this.out = out;
    this.terminal = terminal;
    this.slo = slo;
  }

  void update(String policy, ReplicaSample sample, double rate, long errors) {
    long second = (long) sample.seconds();
    int every = terminal ? 1 : 5;
    if (second == lastPrintedSecond || second % every != 0) {
      return;
    }
    lastPrintedSecond = second;
    String ttft =
        Double.isFinite(sample.observedTtftP99())
            ? String.format(
                Locale.ROOT,
                "%.2f s %s",
                sample.observedTtftP99(),
                sample.observedTtftP99() <= slo ? "ok  " : "OVER")
            : "  -       ";
    String line =
        String.format(
            Locale.ROOT,
            "[%-11s] %4d s  rate %5s req/s  p99 TTFT %s (SLO %.2f s)  replicas desired %d"
                + " ready %d starting %d  errors %d",
            policy,
            second,
            Double.isFinite(rate) ? String.format(Locale.ROOT, "%.1f", rate) : "-",
            ttft,
            slo,
            sample.desired(),
            sample.ready(),
            sample.existing() - sample.ready(),
            errors);
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  void end() {
    if (terminal && lastLength > 0) {
      out.println();
      lastLength = 0;
    }
  }
}
