package dev.llmscale.core.perf;

/**
 * How long one engine forward step takes on a given model and GPU. Pure and thread-safe: the engine
 * scheduler asks it once per step, in virtual time (simulator) or wall time (emulator).
 */
public interface PerformanceModel {

  /** Duration of one step in seconds; {@code > 0} for a non-empty step. */
  double stepSeconds(StepShape step);

  /** One line naming the model kind and its parameters, for logs and reports. */
  String describe();

  /**
   * Latency every request sees outside the engine's steps: API server, tokenisation, hand-off to
   * the scheduler, detokenisation and streaming of the first token. It delays the request's first
   * token once and occupies no GPU time, so it must not be charged to any step. Measured TTFT at
   * concurrency 1 is {@code requestOverheadSeconds() + stepSeconds(StepShape.prefill(n))}.
   */
  default double requestOverheadSeconds() {
    return 0.0;
  }
}
