package dev.llmscale.loadgen;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live progress line: requests done, completion rate, p99 TTFT over the last 10 s, requests in
 * flight, errors. On a terminal it is redrawn in place ({@code \r}) twice a second; otherwise (a
 * log, CI) one line is printed every few seconds.
 */
public final class ProgressLine {
  private final PrintWriter out;
  private final boolean terminal;
  private final long intervalNanos;
  private final Consumer<Snapshot> listener;
  private long lastPrintNanos;
  private boolean printed;
  private int lastLength;

  /**
   * @param terminal redraw in place
   * @param interval between lines when not on a terminal
   */
  public ProgressLine(PrintWriter out, boolean terminal, Duration interval) {
    this(out, terminal, interval, null);
  }

  private ProgressLine(
      PrintWriter out, boolean terminal, Duration interval, Consumer<Snapshot> listener) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = terminal ? 500_000_000L : interval.toNanos();
    this.listener = listener;
  }

  /**
   * No output; {@code listener} gets each snapshot instead (twice a second), for callers that draw
   * their own view.
   */
  public static ProgressLine to(Consumer<Snapshot> listener) {
    return new ProgressLine(null, false, Duration.ofMillis(500), listener);
  }

  /** No progress output at all. */
  public static ProgressLine off() {
    return new ProgressLine(null, false, Duration.ofDays(1));
  }

  /** Progress on {@code out} (usually stderr); {@code terminal} if it is a TTY. */
  public static ProgressLine on(PrintWriter out, boolean terminal) {
    return new ProgressLine(out, terminal, Duration.ofSeconds(5));
  }

  /** Whether a line is due at {@code nowNanos} (so the caller can skip building a snapshot). */
  boolean due(long nowNanos) {
    return (out != null || listener != null)
        && (!printed || nowNanos - lastPrintNanos >= intervalNanos);
  }

  void update(long nowNanos, Snapshot s, boolean force) {
    if ((out == null && listener == null) || (!force && !due(nowNanos))) {
      return;
    }
    lastPrintNanos = nowNanos;
    printed = true;
    if (listener != null) {
      listener.accept(s);
      return;
    }
    String line = format(s);
    if (terminal) {
      String padding = " ".repeat(Math.max(0, lastLength - line.length()));
      out.print("\r" + line + padding);
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the in-place line so that what follows starts on a new one. */
  void end() {
    if (out != null && terminal && lastLength > 0) {
      out.println();
      out.flush();
    }
  }

  /** What the line shows. */
  public record Snapshot(
      double elapsedSeconds,
      long done,
      long total,
      long inFlight,
      long errors,
      double recentTtftP99Ms) {}

  static String format(Snapshot s) {
    return String.format(
        Locale.ROOT,
        "loadgen %6.1f s  done %s  %.1f req/s  p99 TTFT (10 s) %s  in flight %d  errors %d",
        s.elapsedSeconds(),
        s.total() > 0 ? s.done() + "/" + s.total() : Long.toString(s.done()),
        s.elapsedSeconds() > 0 ? s.done() / s.elapsedSeconds() : 0.0,
        Double.isNaN(s.recentTtftP99Ms()) ? "-" : SummaryTable.fmt(s.recentTtftP99Ms()) + " ms",
        s.inFlight(),
        s.errors());
  }
}
