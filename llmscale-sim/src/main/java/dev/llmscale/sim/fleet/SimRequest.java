package dev.llmscale.sim.fleet;

/**
 * One request's life in the simulation: what it asks for, where it went and when its tokens came.
 * Mutable, owned by the simulation thread.
 */
public final class SimRequest {
  private final long index;
  private final String id;
  private final long arrivalNanos;
  private final int inputTokens;
  private final int outputTokens;
  private final long[] blockHashes;

  private Replica replica;
  private boolean queuedAtDispatch;
  private long dispatchNanos = -1;
  private long firstTokenNanos = -1;
  private long lastTokenNanos = -1;
  private int tokens;
  private long endNanos = -1;
  private RequestOutcome outcome = RequestOutcome.ACTIVE;

  /**
   * @param blockHashes chained hashes of the prompt's full KV blocks; not copied
   */
  public SimRequest(
      long index, long arrivalNanos, int inputTokens, int outputTokens, long[] blockHashes) {
    if (inputTokens <= 0 || outputTokens <= 0) {
      throw new IllegalArgumentException(
          "request " + index + ": input and output tokens must be > 0");
    }
    this.index = index;
    this.id = "r" + index;
    this.arrivalNanos = arrivalNanos;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.blockHashes = blockHashes;
  }

  public long index() {
    return index;
  }

  public String id() {
    return id;
  }

  public long arrivalNanos() {
    return arrivalNanos;
  }

  public int inputTokens() {
    return inputTokens;
  }

  public int outputTokens() {
    return outputTokens;
  }

  public long[] blockHashes() {
    return blockHashes;
  }

  public Replica replica() {
    return replica;
  }

  public boolean queuedAtDispatch() {
    return queuedAtDispatch;
  }

  public long dispatchNanos() {
    return dispatchNanos;
  }

  public long firstTokenNanos() {
    return firstTokenNanos;
  }

  public long lastTokenNanos() {
    return lastTokenNanos;
  }

  /** Output tokens delivered so far. */
  public int tokens() {
    return tokens;
  }

  public long endNanos() {
    return endNanos;
  }

  public RequestOutcome outcome() {
    return outcome;
  }

  public boolean active() {
    return outcome == RequestOutcome.ACTIVE;
  }

  /** Time to first token in seconds, NaN without one. */
  public double ttftSeconds() {
    return firstTokenNanos < 0 ? Double.NaN : (firstTokenNanos - arrivalNanos) / 1e9;
  }

  /** aiperf's ITL: (latency − TTFT) / (tokens − 1); NaN with fewer than two tokens. */
  public double itlSeconds() {
    return tokens < 2 ? Double.NaN : (lastTokenNanos - firstTokenNanos) / 1e9 / (tokens - 1);
  }

  /** Arrival to end (last token, or failure), in seconds; NaN while active. */
  public double latencySeconds() {
    return endNanos < 0 ? Double.NaN : (endNanos - arrivalNanos) / 1e9;
  }

  void dispatched(Replica to, long nowNanos, boolean queued) {
    this.replica = to;
    this.dispatchNanos = nowNanos;
    this.queuedAtDispatch = queued;
  }

  /** Records a delivered token; returns the gap to the previous one in nanoseconds, or -1. */
  long token(long nowNanos) {
    long gap = lastTokenNanos < 0 ? -1 : nowNanos - lastTokenNanos;
    if (firstTokenNanos < 0) {
      firstTokenNanos = nowNanos;
    }
    lastTokenNanos = nowNanos;
    tokens++;
    return gap;
  }

  /** Ends the request; the first outcome wins. */
  public void end(RequestOutcome how, long nowNanos) {
    if (how == RequestOutcome.ACTIVE) {
      throw new IllegalArgumentException("a request cannot end as active");
    }
    if (outcome == RequestOutcome.ACTIVE) {
      outcome = how;
      endNanos = nowNanos;
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
