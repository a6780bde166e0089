package dev.llmscale.loadgen;

import dev.llmscale.core.workload.RequestTimeline;
import dev.llmscale.core.workload.SloTargets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Accumulates request records into the run's statistics: HdrHistograms per metric, counts, error
 * kinds, goodput, a sliding window for the live p99 TTFT, and the per-second series behind the
 * chart. Single-threaded (the collector).
 */
final class RunMetrics {
  private static final double NANOS_PER_MS = 1e6;
  private static final int WINDOW_SECONDS = 10;

  private final SloTargets slo;
  private final long runStartNanos;
  private final Histogram ttft = histogram();
  private final Histogram itl = histogram();
  private final Histogram interChunk = histogram();
  private final Histogram latency = histogram();
  private final Histogram inputTokens = tokenHistogram();
  private final Histogram outputTokens = tokenHistogram();
  private final Histogram tokensPerUser = histogram();
  private final Histogram sendLag = histogram();
  private final Histogram[] recentTtft = new Histogram[WINDOW_SECONDS];
  private final long[] recentSecond = new long[WINDOW_SECONDS];
  private final SortedMap<String, Long> errors = new TreeMap<>();
  private final RunTimeline timeline;

  private long records;
  private long succeeded;
  private long cancelled;
  private long good;
  private long totalInput;
  private long totalServerPrompt;
  private boolean serverPromptKnown = true;
  private long totalOutput;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;

  RunMetrics(SloTargets slo, long runStartNanos) {
    this.slo = slo;
    this.runStartNanos = runStartNanos;
    this.timeline = new RunTimeline(runStartNanos);
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      recentTtft[i] = histogram();
      recentSecond[i] = -1;
    }
  }

  void add(RequestRecord record) {
    records++;
    RequestTimeline t = record.timeline();
    if (record.error() == ErrorKind.CANCELLED) {
      cancelled++;
      return;
    }
    firstStart = Math.min(firstStart, t.startNanos());
    lastEnd = Math.max(lastEnd, t.endNanos());
    sendLag.recordValue(Math.max(0, record.sendLagNanos()));
    if (!record.ok()) {
      errors.merge(record.errorLabel().orElseThrow(), 1L, Long::sum);
      timeline.addError(t.endNanos());
      return;
    }
    succeeded++;
    OptionalLong firstToken = t.ttftNanos();
    if (firstToken.isPresent()) {
      ttft.recordValue(firstToken.getAsLong());
      long second = (t.startNanos() + firstToken.getAsLong() - runStartNanos) / 1_000_000_000L;
      int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
      if (recentSecond[slot] != second) {
        recentTtft[slot].reset();
        recentSecond[slot] = second;
      }
      recentTtft[slot].recordValue(firstToken.getAsLong());
    }
    OptionalDouble interToken = t.itlNanos();
    if (interToken.isPresent()) {
      itl.recordValue(Math.round(interToken.getAsDouble()));
    }
    t.outputTokensPerSecondPerUser()
        .ifPresent(perUser -> tokensPerUser.recordValue(Math.round(perUser * 1000)));
    for (long gap : t.interChunkNanos()) {
      interChunk.recordValue(gap);
    }
    latency.recordValue(t.requestLatencyNanos());
    inputTokens.recordValue(record.inputTokens());
    outputTokens.recordValue(t.outputTokens());
    totalInput += record.inputTokens();
    totalOutput += t.outputTokens();
    if (record.serverPromptTokens() >= 0) {
      totalServerPrompt += record.serverPromptTokens();
    } else {
      serverPromptKnown = false;
    }
    boolean met = slo.isMetBy(t);
    if (met) {
      good++;
    }
    timeline.add(t, met);
  }

  long records() {
    return records;
  }

  long succeeded() {
    return succeeded;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** p99 TTFT in ms over the last 10 s of first tokens before {@code nowNanos}; NaN if none. */
  double recentTtftP99Ms(long nowNanos) {
    long second = (nowNanos - runStartNanos) / 1_000_000_000L;
    Histogram merged = histogram();
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      if (recentSecond[i] > second - WINDOW_SECONDS && recentSecond[i] <= second) {
        merged.add(recentTtft[i]);
      }
    }
    return merged.getTotalCount() == 0
        ? Double.NaN
        : merged.getValueAtPercentile(99) / NANOS_PER_MS;
  }

  RunTimeline timeline() {
    return timeline;
  }

  RunSummary summary(
      Instant startedAt,
      long sent,
      long unsent,
      Histogram loopLagNanos,
      double clientCpuSeconds,
      long connectionsOpened,
      Map<String, Object> settings) {
    double duration = lastEnd > firstStart ? (lastEnd - firstStart) / 1e9 : 0;
    return new RunSummary(
        startedAt,
        duration,
        sent,
        succeeded,
        new TreeMap<>(errors),
        cancelled,
        unsent,
        good,
        Distribution.of(ttft, NANOS_PER_MS),
        Distribution.of(itl, NANOS_PER_MS),
        Distribution.of(interChunk, NANOS_PER_MS),
        Distribution.of(latency, NANOS_PER_MS),
        Distribution.of(inputTokens, 1),
        Distribution.of(outputTokens, 1),
        Distribution.of(tokensPerUser, 1000),
        Distribution.of(sendLag, NANOS_PER_MS),
        Distribution.of(loopLagNanos, NANOS_PER_MS),
        duration > 0 ? succeeded / duration : 0,
        duration > 0 ? totalOutput / duration : 0,
        duration > 0 ? good / duration : 0,
        totalInput,
        serverPromptKnown && succeeded > 0 ? totalServerPrompt : -1,
        totalOutput,
        clientCpuSeconds,
        connectionsOpened,
        settings,
        Optional.empty());
  }

  /** Exact up to 32,768 tokens, so that fixed lengths report as what they are. */
  private static Histogram tokenHistogram() {
    Histogram h = new Histogram(4);
    h.setAutoResize(true);
    return h;
  }

  private static Histogram histogram() {
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }
}
