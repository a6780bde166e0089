package dev.llmscale.loadgen;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The result of one load run, with metrics as aiperf defines them (see {@code RequestTimeline}).
 * Latencies in ms; throughputs per second of the benchmark duration, which runs from the first
 * request's start to the last response's end.
 *
 * @param startedAt wall-clock start, for reports
 * @param durationSeconds benchmark duration
 * @param sent requests sent
 * @param succeeded requests that completed without error
 * @param errors failed requests by kind ({@code http_503}, {@code timeout}, {@code
 *     connection_reset}, …); cancelled requests are counted separately
 * @param cancelled requests still in flight when the grace period ended
 * @param unsent arrivals dropped from the client-side queue when the run's time was up
 * @param good successful requests that met every SLO target
 * @param ttft time to first token, ms (streaming)
 * @param itl inter-token latency, ms: (latency − TTFT) / (output tokens − 1)
 * @param interChunk every gap between consecutive streamed chunks, ms
 * @param requestLatency end-to-end latency, ms
 * @param inputTokens prompt tokens per request, client count
 * @param outputTokens output tokens per request (server usage when reported)
 * @param outputTokensPerUser 1 / ITL per request, tokens/s
 * @param sendLag how late requests went out after their scheduled time, ms (the client's own lag)
 * @param loopLag how long the client's event loops took to run a task handed to them, ms: about how
 *     late a chunk arriving then was stamped (the loadgen's own bottleneck check)
 * @param requestThroughput successful requests per second
 * @param outputTokenThroughput output tokens of successful requests per second
 * @param goodput good requests per second
 * @param totalInputTokens prompt tokens of successful requests, client count
 * @param totalServerPromptTokens prompt tokens of successful requests as the server reported them
 *     (-1 if it reported none)
 * @param totalOutputTokens output tokens of successful requests
 * @param clientCpuSeconds CPU time the load generator's process used during the run
 * @param connectionsOpened TCP connections opened
 * @param settings what was run (flags, endpoint, workload), for the record
 * @param server what the server's own {@code /metrics} recorded over the run, when asked for and
 *     available
 */
public record RunSummary(
    Instant startedAt,
    double durationSeconds,
    long sent,
    long succeeded,
    SortedMap<String, Long> errors,
    long cancelled,
    long unsent,
    long good,
    Distribution ttft,
    Distribution itl,
    Distribution interChunk,
    Distribution requestLatency,
    Distribution inputTokens,
    Distribution outputTokens,
    Distribution outputTokensPerUser,
    Distribution sendLag,
    Distribution loopLag,
    double requestThroughput,
    double outputTokenThroughput,
    double goodput,
    long totalInputTokens,
    long totalServerPromptTokens,
    long totalOutputTokens,
    double clientCpuSeconds,
    long connectionsOpened,
    Map<String, Object> settings,
    Optional<ServerMetrics.ServerSide> server) {

  /** The same summary with the server's view of the run added. */
  public RunSummary withServer(Optional<ServerMetrics.ServerSide> value) {
    return new RunSummary(
        startedAt,
        durationSeconds,
        sent,
        succeeded,
        errors,
        cancelled,
        unsent,
        good,
        ttft,
        itl,
        interChunk,
        requestLatency,
        inputTokens,
        outputTokens,
        outputTokensPerUser,
        sendLag,
        loopLag,
        requestThroughput,
        outputTokenThroughput,
        goodput,
        totalInputTokens,
        totalServerPromptTokens,
        totalOutputTokens,
        clientCpuSeconds,
        connectionsOpened,
        settings,
        value);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
