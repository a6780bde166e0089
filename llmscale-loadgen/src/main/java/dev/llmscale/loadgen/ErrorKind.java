package dev.llmscale.loadgen;

/**
 * Why a request failed. The summary counts errors by {@link #label(int)}: {@code http_503}, {@code
 * timeout}, {@code connection_reset} and so on.
 */
public enum ErrorKind {
  /** The server answered with a status other than 200. */
  HTTP_STATUS,
  /** A client-side timeout passed (whole request or first token) and the client gave up. */
  TIMEOUT,
  /** The connection was reset (RST) before the response ended. */
  CONNECTION_RESET,
  /** The server closed the connection (FIN) before the response ended. */
  CONNECTION_CLOSED,
  /** No connection could be opened (refused, unreachable, connect timeout). */
  CONNECT_FAILED,
  /** The stream carried an error event ({@code data: {"error": …}}). */
  STREAM_ERROR,
  /** The response could not be understood (malformed HTTP, SSE or JSON). */
  PROTOCOL,
  /** Still in flight when the run's grace period ended; not the server's fault. */
  CANCELLED;

  /** The key errors are counted under; HTTP errors carry their status. */
  public String label(int status) {
    return this == HTTP_STATUS ? "http_" + status : name().toLowerCase(java.util.Locale.ROOT);
  }
}
