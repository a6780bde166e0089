/**
 * Workloads as pure data: when requests arrive ({@link dev.llmscale.core.workload.ArrivalProcess}),
 * what they ask for ({@link dev.llmscale.core.workload.Workload}: prompt segments and output
 * lengths, synthetic or replayed from a {@link dev.llmscale.core.workload.Trace}), how long a run
 * may last ({@link dev.llmscale.core.workload.RunLimit}), and the per-request latency metrics a
 * client derives from what it observed ({@link dev.llmscale.core.workload.RequestTimeline}, {@link
 * dev.llmscale.core.workload.SloTargets}). The load generator drives these with the wall clock, the
 * simulator with a virtual one; nothing here reads a clock or draws randomness it was not handed.
 */
package dev.llmscale.core.workload;
