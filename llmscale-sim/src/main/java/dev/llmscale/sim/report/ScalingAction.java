package dev.llmscale.sim.report;

/**
 * A change of the desired replica count the policy wrote.
 *
 * @param timeSeconds when, from the start of the run
 * @param from the count before
 * @param to the count written
 * @param reason the policy's own explanation
 */
public record ScalingAction(double timeSeconds, int from, int to, String reason) {}
