/** The load generator and the engine profiler. */
package dev.llmscale.loadgen;
