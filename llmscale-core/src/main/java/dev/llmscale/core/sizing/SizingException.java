package dev.llmscale.core.sizing;

/** A configuration that cannot work (the model does not fit, the SLO cannot be reached). */
public final class SizingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SizingException(String message) {
    super(message);
  }
}
