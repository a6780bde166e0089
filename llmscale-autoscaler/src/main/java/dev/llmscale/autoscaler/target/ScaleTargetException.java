package dev.llmscale.autoscaler.target;

/** A scale target could not be read or written; the message says which and why. */
public class ScaleTargetException extends Exception {

  public ScaleTargetException(String message) {
    super(message);
  }

  public ScaleTargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
