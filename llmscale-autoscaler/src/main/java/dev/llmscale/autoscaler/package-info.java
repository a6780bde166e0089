/**
 * The autoscaler: a control loop that drives a core {@link dev.llmscale.core.policy.ScalingPolicy}
 * on the wall clock, reading metric sources and writing scale targets.
 */
package dev.llmscale.autoscaler;
