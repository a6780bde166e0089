package dev.llmscale.sim.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulated gateway exports, under the names the live gateway uses ({@code prefix} +
 * {@code time_to_first_token_seconds}, {@code inter_token_latency_seconds}, {@code
 * request_duration_seconds}, {@code input_sequence_tokens}, {@code output_sequence_tokens}, {@code
 * requests_total}, {@code output_tokens_total}, {@code queued_requests}, {@code
 * inflight_requests}), so scaling queries written for production run unchanged against it.
 */
public final class FrontendMetrics {
  private final String prefix;
  private final CumulativeHistogram ttft;
  private final CumulativeHistogram itl;
  private final CumulativeHistogram duration;
  private final CumulativeHistogram inputTokens;
  private final CumulativeHistogram outputTokens;
  private final Map<String, Long> requestsByErrorType = new TreeMap<>();
  private long outputTokensTotal;
  private long queued;
  private long inflight;

  public FrontendMetrics(String prefix, MetricBuckets buckets) {
    this.prefix = prefix;
    this.ttft = new CumulativeHistogram(buckets.ttftSeconds());
    this.itl = new CumulativeHistogram(buckets.itlSeconds());
    this.duration = new CumulativeHistogram(buckets.durationSeconds());
    this.inputTokens = new CumulativeHistogram(buckets.sequenceTokens());
    this.outputTokens = new CumulativeHistogram(buckets.sequenceTokens());
  }

  public String prefix() {
    return prefix;
  }

  /** A request reached the gateway. */
  public void received(int promptTokens) {
    inputTokens.observe(promptTokens);
    queued++;
    inflight++;
  }

  public void firstToken(double ttftSeconds) {
    ttft.observe(ttftSeconds);
    queued--;
    outputTokensTotal++;
  }

  /** One more token, {@code gapSeconds} after the previous one. */
  public void nextToken(double gapSeconds) {
    itl.observe(gapSeconds);
    outputTokensTotal++;
  }

  public void completed(double durationSeconds, int tokens) {
    duration.observe(durationSeconds);
    outputTokens.observe(tokens);
    requestsByErrorType.merge("none", 1L, Long::sum);
    inflight--;
  }

  /**
   * A request ended in an error.
   *
   * @param hadFirstToken whether it had left the queued gauge already
   */
  public void failed(String errorType, boolean hadFirstToken) {
    requestsByErrorType.merge(errorType, 1L, Long::sum);
    if (!hadFirstToken) {
      queued--;
    }
    inflight--;
  }

  public CumulativeHistogram ttft() {
    return ttft;
  }

  public CumulativeHistogram itl() {
    return itl;
  }

  public CumulativeHistogram duration() {
    return duration;
  }

  public CumulativeHistogram inputTokens() {
    return inputTokens;
  }

  public CumulativeHistogram outputTokens() {
    return outputTokens;
  }

  /** Ended requests by {@code error_type} ({@code none} for successes), sorted by type. */
  public Map<String, Long> endedByErrorType() {
    return new TreeMap<>(requestsByErrorType);
  }

  public long outputTokensTotal() {
    return outputTokensTotal;
  }

  /** Requests received and not yet answered with a first token. */
  public long queued() {
    return queued;
  }

  /** Requests received and not yet answered completely. */
  public long inflight() {
    return inflight;
  }
}
