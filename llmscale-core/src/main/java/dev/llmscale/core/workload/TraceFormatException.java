package dev.llmscale.core.workload;

/**
 * A trace file could not be read or is malformed. The message names the file and line so the user
 * can find the problem.
 */
public class TraceFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param line 1-based line number, or 0 when the problem concerns the whole file
   */
  public TraceFormatException(String source, int line, String problem) {
    super(line > 0 ? source + " line " + line + ": " + problem : source + ": " + problem);
  }

  public TraceFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
