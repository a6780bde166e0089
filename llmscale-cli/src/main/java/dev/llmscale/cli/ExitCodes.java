package dev.llmscale.cli;

/** Every exit code the command line uses, in one place. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command ran and failed (a server could not start, a file could not be written). */
  public static final int FAILURE = 1;

  /** The command line or a file it names is invalid. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
