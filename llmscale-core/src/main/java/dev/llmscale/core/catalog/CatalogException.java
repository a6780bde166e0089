package dev.llmscale.core.catalog;

/**
 * A catalog lookup or catalog file failed. Unchecked: a bad model name or a malformed catalog is a
 * configuration error the user fixes, not something callers recover from. The message says what to
 * fix (the known ids, or the file, line and column).
 */
public class CatalogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
