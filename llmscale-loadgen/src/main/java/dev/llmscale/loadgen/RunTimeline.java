package dev.llmscale.loadgen;

import dev.llmscale.core.workload.RequestTimeline;
import java.util.Arrays;

/**
 * Per-request points and per-second series of a run, for the chart: each successful request's TTFT
 * at its start time, and output tokens, completions and errors per second. A streamed request's
 * tokens are spread over its chunks as they arrived; a non-streamed one's land at its end.
 * Single-threaded.
 */
final class RunTimeline {
  private final long runStartNanos;
  private double[] ttftAtSeconds = new double[256];
  private double[] ttftMs = new double[256];
  private boolean[] ttftGood = new boolean[256];
  private int points;
  private double[] tokensPerSecond = new double[64];
  private double[] completedPerSecond = new double[64];
  private double[] errorsPerSecond = new double[64];
  private int seconds;

  RunTimeline(long runStartNanos) {
    this.runStartNanos = runStartNanos;
  }

  void add(RequestTimeline t, boolean good) {
    if (t.ttftNanos().isPresent()) {
      if (points == ttftMs.length) {
        ttftAtSeconds = Arrays.copyOf(ttftAtSeconds, points * 2);
        ttftMs = Arrays.copyOf(ttftMs, points * 2);
        ttftGood = Arrays.copyOf(ttftGood, points * 2);
      }
      ttftAtSeconds[points] = (t.startNanos() - runStartNanos) / 1e9;
      ttftMs[points] = t.ttftNanos().getAsLong() / 1e6;
      ttftGood[points] = good;
      points++;
    }
    long[] responses = t.responseNanos();
    if (t.streaming() && responses.length > 0) {
      double perChunk = t.outputTokens() / (double) responses.length;
      for (long at : responses) {
        int second = slot(at);
        tokensPerSecond[second] += perChunk;
      }
    } else {
      int second = slot(t.endNanos());
      tokensPerSecond[second] += t.outputTokens();
    }
    int end = slot(t.endNanos());
    completedPerSecond[end]++;
  }

  void addError(long atNanos) {
    int second = slot(atNanos);
    errorsPerSecond[second]++;
  }

  int points() {
    return points;
  }

  double[] ttftAtSeconds() {
    return Arrays.copyOf(ttftAtSeconds, points);
  }

  double[] ttftMs() {
    return Arrays.copyOf(ttftMs, points);
  }

  boolean[] ttftGood() {
    return Arrays.copyOf(ttftGood, points);
  }

  /** Seconds covered by the per-second series. */
  int seconds() {
    return seconds;
  }

  double[] tokensPerSecond() {
    return Arrays.copyOf(tokensPerSecond, seconds);
  }

  double[] completedPerSecond() {
    return Arrays.copyOf(completedPerSecond, seconds);
  }

  double[] errorsPerSecond() {
    return Arrays.copyOf(errorsPerSecond, seconds);
  }

  /**
   * The index of {@code atNanos}'s second, growing the series first when needed. Call it before
   * reading a series field: {@code a[slot(t)]} would evaluate {@code a} before the growth.
   */
  private int slot(long atNanos) {
    int second = (int) Math.max(0, (atNanos - runStartNanos) / 1_000_000_000L);
    if (second >= tokensPerSecond.length) {
      int size = Math.max(second + 1, tokensPerSecond.length * 2);
      tokensPerSecond = Arrays.copyOf(tokensPerSecond, size);
      completedPerSecond = Arrays.copyOf(completedPerSecond, size);
      errorsPerSecond = Arrays.copyOf(errorsPerSecond, size);
    }
    seconds = Math.max(seconds, second + 1);
    return second;
  }
}
