package dev.llmscale.sim.scenario;

/** A scenario file that cannot be run, with a one-line message naming the file and the field. */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
