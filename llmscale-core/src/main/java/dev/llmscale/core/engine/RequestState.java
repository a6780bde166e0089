package dev.llmscale.core.engine;

/** Mutable progress of one request inside the scheduler; never leaves the package. */
final class RequestState {
  enum Status {
    WAITING,
    RUNNING,
    DONE
  }

  final EngineRequest request;
  Status status = Status.WAITING;

  /** Tokens whose KV is computed (prompt first, then outputs). */
  int computedTokens;

  /** Output tokens produced so far. */
  int outputTokens;

  /** KV blocks held, in token order. */
  int[] blocks = new int[4];

  int blockCount;

  /** Prompt blocks already registered in the prefix cache. */
  int cachedBlockCount;

  /** When the engine may first schedule it: arrival plus the model's per-request overhead. */
  final long readyNanos;

  int cachedPromptTokens = -1;
  long firstScheduledNanos = -1;
  long firstTokenNanos = -1;
  int preemptions;

  RequestState(EngineRequest request, long overheadNanos) {
    this.request = request;
    this.readyNanos = request.arrivalNanos() + overheadNanos;
  }

  /** Prompt and outputs so far: every token whose KV must exist before the next one is sampled. */
  int knownTokens() {
    return request.promptTokens() + outputTokens;
  }

  int tokensToCompute() {
    return knownTokens() - computedTokens;
  }

  /** Decoding: the only token left to compute is the last sampled one. */
  boolean decoding() {
    return outputTokens > 0 && tokensToCompute() == 1;
  }

  void addBlock(int block) {
    if (blockCount == blocks.length) {
      blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
    }
    blocks[blockCount++] = block;
  }

  String id() {
    return request.id();
  }
}
