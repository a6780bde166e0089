package dev.llmscale.cli.demo;

/**
 * The fleet at one moment of a demo run.
 *
 * @param seconds time since the load started
 * @param desired replicas the autoscaler last asked for
 * @param existing replicas that exist, starting or ready (what a GPU bill counts)
 * @param ready replicas serving traffic
 * @param observedTtftP99 the TTFT tail the autoscaler last read, in seconds (NaN if none)
 */
public record ReplicaSample(
    double seconds, int desired, int existing, int ready, double observedTtftP99) {}
