package dev.llmscale.emulator;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What every connection's handler shares: the server-wide collaborators, built once at start.
 *
 * @param tokenizerPool runs request parsing and tokenization off the event loops
 * @param loopIndex each event loop's slot in the engine's per-loop token batches
 * @param startedEpochSeconds reported as {@code created} of the served model
 */
record ApiServices(
    EmulatorOptions options,
    RequestParser parser,
    Executor tokenizerPool,
    EngineLoop engine,
    AdmissionGate gate,
    EngineMetrics metrics,
    JsonResponses responses,
    TokenTiming tokenTiming,
    Map<EventLoop, Integer> loopIndex,
    long startedEpochSeconds) {}
