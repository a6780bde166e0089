/**
 * The load generator and the engine profiler: an OpenAI-compatible streaming client on Netty that
 * replays the pure workloads and arrival processes of {@code dev.llmscale.core.workload}, measures
 * every request as aiperf does, and writes a summary, per-request records and a chart.
 *
 * <p>Entry points: {@link dev.llmscale.loadgen.LoadRun} (one load run) and {@link
 * dev.llmscale.loadgen.Profiler} (the sweep that writes a {@code ProfileTable}).
 */
package dev.llmscale.loadgen;
