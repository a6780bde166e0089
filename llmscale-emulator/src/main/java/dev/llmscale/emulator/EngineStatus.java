package dev.llmscale.emulator;

import dev.llmscale.core.engine.EngineCounters;
import dev.llmscale.core.engine.EngineSnapshot;

/**
 * What the engine thread publishes after each step for readers on other threads (metrics scrapes,
 * drain), so that nobody but the engine thread touches the scheduler.
 */
record EngineStatus(EngineSnapshot snapshot, EngineCounters counters) {}
