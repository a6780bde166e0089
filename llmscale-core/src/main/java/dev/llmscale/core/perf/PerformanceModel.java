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
}
