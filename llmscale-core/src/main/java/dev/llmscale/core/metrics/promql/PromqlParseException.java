package dev.llmscale.core.metrics.promql;

/** A query that is not PromQL, or uses PromQL outside the supported subset. */
public final class PromqlParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int position;

  PromqlParseException(String query, int offset, String problem) {
    super("bad query at position " + (offset + 1) + ": " + problem + " in: " + query);
    this.position = offset + 1;
  }

  /** 1-based character position of the problem in the query. */
  public int position() {
    return position;
  }
}
