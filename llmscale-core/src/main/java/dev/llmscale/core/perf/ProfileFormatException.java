package dev.llmscale.core.perf;

/**
 * A profile file could not be read or is malformed. Unchecked: a bad profile is a configuration
 * error; the message names the file and line so the user can fix it.
 */
public class ProfileFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  /**
   * @param line 1-based line number, or 0 when the problem concerns the whole file
   */
  public ProfileFormatException(String source, int line, String problem) {
    super(line > 0 ? source + " line " + line + ": " + problem : source + ": " + problem);
    this.source = source;
    this.line = line;
  }

  public ProfileFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.line = 0;
  }

  /** The file (or other source name) the profile came from. */
  public String source() {
    return source;
  }

  /** 1-based line of the problem, 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
