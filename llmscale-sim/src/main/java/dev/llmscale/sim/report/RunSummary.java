package dev.llmscale.sim.report;

import java.util.Map;

/**
 * The figures of one policy's run.
 *
 * @param requests requests that arrived
 * @param completed requests whose last token was delivered
 * @param withinSlo requests that completed within the TTFT and ITL targets
 * @param ttftMisses requests that ended without a first token within the TTFT target (one that
 *     failed before its first token counts, one that failed after a first token in time does not):
 *     the SLO's quantile of TTFT is within target exactly when these are at most {@link
 *     Percentiles#allowedAbove} of the requests (all have ended when a run does)
 * @param itlMisses completed requests with an ITL above the ITL target (those with fewer than two
 *     tokens have none): the SLO's quantile of ITL is within target exactly when these are at most
 *     {@link Percentiles#allowedAbove} of {@code itl.count()}
 * @param errors failed requests by error type ({@code timeout}, {@code overloaded}, ...)
 * @param ttft TTFT of the requests that got a first token
 * @param itl aiperf ITL ((latency − TTFT) / (tokens − 1)) of completed requests with two or more
 *     tokens
 * @param e2e arrival to last token of completed requests
 * @param sloAttainment share of all requests that completed within the TTFT and ITL targets
 * @param ttftAttainment share of all requests with a first token within the TTFT target
 * @param goodputPerSecond requests within the SLO per second of the run
 * @param sloMet the SLO's quantile of TTFT and of ITL over completed requests are within target
 * @param gpuHours GPU-hours of the nodes billed during the run
 * @param cost their price
 * @param replicaGpuHours GPU-hours held by replicas (starting, ready or draining)
 * @param scaleUps scaling actions that raised the desired count
 * @param scaleDowns scaling actions that lowered it
 * @param peakReplicas most replicas ready at once
 * @param peakNodes most nodes at once, provisioning ones included
 */
public record RunSummary(
    long requests,
    long completed,
    long withinSlo,
    long ttftMisses,
    long itlMisses,
    Map<String, Long> errors,
    Percentiles ttft,
    Percentiles itl,
    Percentiles e2e,
    double sloAttainment,
    double ttftAttainment,
    double goodputPerSecond,
    boolean sloMet,
    double gpuHours,
    double cost,
    double replicaGpuHours,
    int scaleUps,
    int scaleDowns,
    int peakReplicas,
    int peakNodes) {

  public long failed() {
    long total = 0;
    for (long count : errors.values()) {
      total += count;
    }
    return total;
  }
}
