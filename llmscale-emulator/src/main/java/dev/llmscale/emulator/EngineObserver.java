package dev.llmscale.emulator;

import dev.llmscale.core.engine.FinishedRequest;

/** Per-request timings the engine thread reports as they happen, in wall-clock seconds. */
interface EngineObserver {
  void firstToken(double ttftSeconds);

  void interToken(double seconds);

  /**
   * A request that produced its last token (aborted ones are counted, not reported).
   *
   * @param queueSeconds from the engine taking the request in to its first step
   */
  void finished(FinishedRequest request, double queueSeconds);
}
