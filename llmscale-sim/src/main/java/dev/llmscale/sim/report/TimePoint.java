package dev.llmscale.sim.report;

/**
 * The fleet over one sample interval ending at {@code timeSeconds}: what a chart over time plots.
 *
 * @param timeSeconds end of the interval, from the start of the run
 * @param arrivalRate requests that arrived in the interval, per second
 * @param ttftP99Seconds p99 TTFT of the first tokens delivered in the interval (NaN if none)
 * @param policySignal the reading the policy last acted on (its first trigger, or the planner's
 *     tail TTFT), NaN before the first tick or without a policy
 * @param errorRate requests that failed in the interval, per second
 * @param queued requests waiting for their first token at the end of the interval
 * @param desiredReplicas the scale target's desired count
 * @param readyReplicas replicas taking traffic
 * @param startingReplicas replicas pulling their image or loading the model
 * @param pendingReplicas replicas waiting for a GPU
 * @param readyNodes GPU nodes in the cluster
 * @param provisioningNodes GPU nodes on their way
 */
public record TimePoint(
    double timeSeconds,
    double arrivalRate,
    double ttftP99Seconds,
    double policySignal,
    double errorRate,
    long queued,
    int desiredReplicas,
    int readyReplicas,
    int startingReplicas,
    int pendingReplicas,
    int readyNodes,
    int provisioningNodes) {}
