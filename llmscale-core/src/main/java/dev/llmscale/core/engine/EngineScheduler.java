package dev.llmscale.core.engine;

import dev.llmscale.core.kv.KvBlockPool;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vLLM-style engine scheduler: continuous batching over a paged KV cache with prefix caching,
 * chunked prefill and recompute preemption. Pure and clock-free: the caller passes the time, asks
 * for a step with {@link #schedule}, and hands it back with {@link #complete} at the step's end
 * time, on whatever clock drives it (virtual in the simulator, wall time in the emulator).
 *
 * <p>One step at a time; not thread-safe (one owner thread, or one event loop).
 *
 * <p>Policy, as vLLM's V1 scheduler: running requests first, in admission order, each computing
 * what it still lacks (one token when decoding, a prompt chunk when prefilling) within the step's
 * token budget; when a request needs a KV block and none is free, the most recently admitted
 * request is preempted (its blocks freed, to be recomputed later) until one is. Waiting requests
 * are then admitted first-come first-served while sequences, budget and blocks allow, and never in
 * a step that preempted. A new request first takes the longest cached prefix of its prompt blocks,
 * always leaving the last prompt token to compute so the step can sample from it.
 */
public final class EngineScheduler {
  private final EngineConfig config;
  private final PerformanceModel performance;
  private final KvBlockPool pool;
  private final long requestOverheadNanos;
  private final Map<String, RequestState> byId = new HashMap<>();
  // Cancelled entries stay in the deque (status DONE) and are dropped when they reach its head.
  private final ArrayDeque<RequestState> waiting = new ArrayDeque<>();
  private int waitingCount;
  private final ArrayList<RequestState> running = new ArrayList<>();
  private ScheduledStep inFlight;

  private long promptTokens;
  private long generationTokens;
  private long preemptions;
  private long prefixCacheQueries;
  private long prefixCacheHits;
  private long finishedLength;
  private long finishedStop;
  private long aborted;
  private long steps;

  public EngineScheduler(EngineConfig config, PerformanceModel performance) {
    this.config = config;
    this.performance = performance;
    this.pool = new KvBlockPool(config.kvBlocks());
    this.requestOverheadNanos = Math.round(performance.requestOverheadSeconds() * 1e9);
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Queues a request.
   *
   * @throws IllegalArgumentException if its prompt plus output exceed {@code max_model_len}, its
   *     block hashes cover more than its prompt, or its id is already held
   */
  public void add(EngineRequest request) {
    int total = request.promptTokens() + request.maxTokens();
    if (total > config.maxModelLen()) {
      throw new IllegalArgumentException(
          String.format(
              "request %s needs %d tokens (%d prompt + %d output) but max_model_len is %d",
              request.id(),
              total,
              request.promptTokens(),
              request.maxTokens(),
              config.maxModelLen()));
    }
    if (request.blockHashes().length > request.promptTokens() / config.blockSize()) {
      throw new IllegalArgumentException(
          "request "
              + request.id()
              + " has "
              + request.blockHashes().length
              + " block hashes for "
              + request.promptTokens() / config.blockSize()
              + " full blocks");
    }
    if (byId.containsKey(request.id())) {
      throw new IllegalArgumentException("request id already in the engine: " + request.id());
    }
    RequestState state = new RequestState(request, requestOverheadNanos);
    byId.put(request.id(), state);
    waiting.addLast(state);
    waitingCount++;
  }

  /**
   * Removes a request wherever it is (waiting, running, or part of the step in flight, whose tokens
   * for it are then dropped) and frees its KV blocks at once.
   *
   * @return its record with reason {@link FinishReason#ABORT}, or empty if the engine does not hold
   *     it (already finished or never added)
   */
  public Optional<FinishedRequest> cancel(String requestId, long nowNanos) {
    RequestState state = byId.remove(requestId);
    if (state == null) {
      return Optional.empty();
    }
    if (state.status == RequestState.Status.WAITING) {
      waitingCount--;
    } else {
      running.remove(state);
    }
    releaseBlocks(state);
    state.status = RequestState.Status.DONE;
    aborted++;
    return Optional.of(record(state, nowNanos, FinishReason.ABORT));
  }

  /**
   * Plans the next step at {@code nowNanos}: allocates KV blocks, preempts if it must, and asks the
   * performance model how long the step takes.
   *
   * @return the step, or empty when there is nothing to compute
   * @throws IllegalStateException if the previous step was not completed
   */
  public Optional<ScheduledStep> schedule(long nowNanos) {
    if (inFlight != null) {
      throw new IllegalStateException(
          "the step ending at " + inFlight.endNanos() + " is in flight");
    }
    List<ScheduledStep.Entry> entries = new ArrayList<>();
    int budget = config.maxNumBatchedTokens();
    boolean preempted = false;

    for (int i = 0; i < running.size() && budget > 0; i++) {
      RequestState state = running.get(i);
      int tokens = chunk(state.tokensToCompute(), budget);
      boolean fits = true;
      while (!growTo(state, state.computedTokens + tokens)) {
        RequestState victim = running.remove(running.size() - 1);
        preempt(victim);
        preempted = true;
        if (victim == state) {
          fits = false;
          break;
        }
      }
      if (!fits) {
        break;
      }
      entries.add(new ScheduledStep.Entry(state, tokens));
      budget -= tokens;
    }

    while (!preempted && budget > 0 && running.size() < config.maxNumSeqs()) {
      RequestState state = nextWaiting();
      if (state == null
          || state.readyNanos > nowNanos
          || !admit(state, budget, nowNanos, entries)) {
        break;
      }
      budget -= entries.get(entries.size() - 1).tokens();
    }

    if (entries.isEmpty()) {
      return Optional.empty();
    }
    StepShape shape = shapeOf(entries);
    long duration = Math.max(1L, Math.round(performance.stepSeconds(shape) * 1e9));
    steps++;
    inFlight = new ScheduledStep(nowNanos, nowNanos + duration, shape, List.copyOf(entries));
    return Optional.of(inFlight);
  }

  /**
   * Applies the step in flight at its end time: advances each request, samples a token for every
   * request whose known tokens are all computed, and frees the KV blocks of finished requests.
   */
  public StepOutcome complete(ScheduledStep step) {
    if (step != inFlight) {
      throw new IllegalStateException("not the step in flight");
    }
    inFlight = null;
    long now = step.endNanos();
    List<TokenEvent> tokens = new ArrayList<>(step.size());
    List<FinishedRequest> finished = new ArrayList<>();
    for (ScheduledStep.Entry entry : step.entries()) {
      RequestState state = entry.state();
      if (state.status != RequestState.Status.RUNNING) {
        continue; // cancelled while the step ran
      }
      state.computedTokens += entry.tokens();
      registerCachedBlocks(state);
      if (state.computedTokens < state.knownTokens()) {
        continue; // a prompt chunk short of the end
      }
      int index = state.outputTokens++;
      generationTokens++;
      if (state.firstTokenNanos < 0) {
        state.firstTokenNanos = now;
        promptTokens += state.request.promptTokens();
      }
      FinishReason reason = null;
      if (state.outputTokens == state.request.maxTokens()) {
        reason = state.request.endsWithStop() ? FinishReason.STOP : FinishReason.LENGTH;
        finished.add(finish(state, now, reason));
      }
      tokens.add(new TokenEvent(state.id(), index, now, reason));
    }
    if (!finished.isEmpty()) {
      running.removeIf(s -> s.status == RequestState.Status.DONE);
    }
    return new StepOutcome(tokens, finished);
  }

  /**
   * The earliest time a {@link #schedule} call can find work if nothing else arrives: {@code
   * nowNanos} while requests run or the queue's head is admissible, the head's ready time while it
   * is still in its request overhead, {@link Long#MAX_VALUE} when idle. Drivers sleep until then.
   */
  public long nextWorkNanos(long nowNanos) {
    if (!running.isEmpty()) {
      return nowNanos;
    }
    RequestState head = nextWaiting();
    return head == null ? Long.MAX_VALUE : Math.max(nowNanos, head.readyNanos);
  }

  /** True while any request is waiting or running. */
  public boolean hasWork() {
    return waitingCount > 0 || !running.isEmpty();
  }

  /** True if a step is scheduled and not yet completed. */
  public boolean stepInFlight() {
    return inFlight != null;
  }

  public boolean holds(String requestId) {
    return byId.containsKey(requestId);
  }

  public EngineSnapshot snapshot() {
    return new EngineSnapshot(
        running.size(), waitingCount, pool.usage(), pool.usedBlocks(), pool.totalBlocks());
  }

  public EngineCounters counters() {
    return new EngineCounters(
        promptTokens,
        generationTokens,
        preemptions,
        prefixCacheQueries,
        prefixCacheHits,
        finishedLength,
        finishedStop,
        aborted,
        steps);
  }

  /** Checks the KV accounting against the requests' block lists; for tests. */
  void verifyInvariants() {
    int[] expected = new int[pool.totalBlocks()];
    for (RequestState state : byId.values()) {
      for (int b = 0; b < state.blockCount; b++) {
        expected[state.blocks[b]]++;
      }
    }
    int used = 0;
    for (int block = 0; block < expected.length; block++) {
      if (pool.refCount(block) != expected[block]) {
        throw new AssertionError(
            "block " + block + " refCount " + pool.refCount(block) + " != " + expected[block]);
      }
      if (expected[block] > 0) {
        used++;
      }
    }
    if (used != pool.usedBlocks() || pool.freeBlocks() < 0 || used > pool.totalBlocks()) {
      throw new AssertionError("used blocks " + used + " != pool's " + pool.usedBlocks());
    }
  }

  private int chunk(int tokensToCompute, int budget) {
    int tokens = Math.min(tokensToCompute, budget);
    int cap = config.longPrefillTokenThreshold();
    return cap > 0 ? Math.min(tokens, cap) : tokens;
  }

  private RequestState nextWaiting() {
    RequestState head;
    while ((head = waiting.peekFirst()) != null && head.status == RequestState.Status.DONE) {
      waiting.pollFirst();
    }
    return head;
  }

  /** Admits the head of the queue if its first chunk and blocks fit; false leaves it waiting. */
  private boolean admit(
      RequestState state, int budget, long nowNanos, List<ScheduledStep.Entry> entries) {
    int blockSize = config.blockSize();
    int[] hits = cachedPrefix(state);
    int cachedTokens = hits.length * blockSize;
    int toCompute = state.knownTokens() - cachedTokens;
    int tokens = chunk(toCompute, budget);
    if (!config.chunkedPrefill() && tokens < toCompute) {
      return false;
    }
    int newBlocks = ceilDiv(cachedTokens + tokens, blockSize) - hits.length;
    int reclaimed = 0;
    for (int block : hits) {
      if (pool.refCount(block) == 0) {
        reclaimed++; // a free cached block leaves the free list when shared
      }
    }
    if (pool.freeBlocks() < newBlocks + reclaimed) {
      return false;
    }
    waiting.pollFirst();
    waitingCount--;
    for (int block : hits) {
      pool.share(block);
      state.addBlock(block);
    }
    for (int i = 0; i < newBlocks; i++) {
      state.addBlock(pool.allocate());
    }
    state.computedTokens = cachedTokens;
    state.cachedBlockCount = hits.length;
    if (config.prefixCaching()) {
      prefixCacheQueries += state.request.promptTokens();
      prefixCacheHits += cachedTokens;
    }
    if (state.cachedPromptTokens < 0) {
      state.cachedPromptTokens = cachedTokens;
    }
    if (state.firstScheduledNanos < 0) {
      state.firstScheduledNanos = nowNanos;
    }
    state.status = RequestState.Status.RUNNING;
    running.add(state);
    entries.add(new ScheduledStep.Entry(state, tokens));
    return true;
  }

  /** Blocks holding the longest cached prefix of the prompt, short of its last token. */
  private int[] cachedPrefix(RequestState state) {
    if (!config.prefixCaching()) {
      return new int[0];
    }
    long[] hashes = state.request.blockHashes();
    int limit = Math.min(hashes.length, (state.knownTokens() - 1) / config.blockSize());
    int[] found = new int[limit];
    int count = 0;
    while (count < limit) {
      int block = pool.cachedBlock(hashes[count]);
      if (block < 0) {
        break;
      }
      found[count++] = block;
    }
    return count == limit ? found : java.util.Arrays.copyOf(found, count);
  }

  /** Allocates blocks so the request can hold {@code tokens} tokens; false if too few are free. */
  private boolean growTo(RequestState state, int tokens) {
    int needed = ceilDiv(tokens, config.blockSize()) - state.blockCount;
    if (needed <= 0) {
      return true;
    }
    if (pool.freeBlocks() < needed) {
      return false;
    }
    for (int i = 0; i < needed; i++) {
      state.addBlock(pool.allocate());
    }
    return true;
  }

  private void preempt(RequestState victim) {
    releaseBlocks(victim);
    victim.computedTokens = 0;
    victim.cachedBlockCount = 0;
    victim.preemptions++;
    victim.status = RequestState.Status.WAITING;
    waiting.addFirst(victim);
    waitingCount++;
    preemptions++;
  }

  private void registerCachedBlocks(RequestState state) {
    if (!config.prefixCaching()) {
      return;
    }
    long[] hashes = state.request.blockHashes();
    int full = Math.min(state.computedTokens / config.blockSize(), hashes.length);
    for (int b = state.cachedBlockCount; b < full; b++) {
      pool.cache(state.blocks[b], hashes[b]);
    }
    state.cachedBlockCount = Math.max(state.cachedBlockCount, full);
  }

  private FinishedRequest finish(RequestState state, long nowNanos, FinishReason reason) {
    releaseBlocks(state);
    state.status = RequestState.Status.DONE;
    byId.remove(state.id());
    if (reason == FinishReason.STOP) {
      finishedStop++;
    } else {
      finishedLength++;
    }
    return record(state, nowNanos, reason);
  }

  /** Frees blocks last to first, so a prompt's tail is evicted before the prefix others share. */
  private void releaseBlocks(RequestState state) {
    for (int b = state.blockCount - 1; b >= 0; b--) {
      pool.release(state.blocks[b]);
    }
    state.blockCount = 0;
  }

  private StepShape shapeOf(List<ScheduledStep.Entry> entries) {
    int prefillTokens = 0;
    double attention = 0;
    int decode = 0;
    long context = 0;
    for (ScheduledStep.Entry entry : entries) {
      RequestState state = entry.state();
      if (state.decoding()) {
        decode++;
        context += state.computedTokens + 1;
      } else {
        prefillTokens += entry.tokens();
        attention += entry.tokens() * (state.computedTokens + entry.tokens() / 2.0);
      }
    }
    return new StepShape(prefillTokens, attention, decode, context);
  }

  private static FinishedRequest record(RequestState state, long nowNanos, FinishReason reason) {
    return new FinishedRequest(
        state.id(),
        state.request.arrivalNanos(),
        state.firstScheduledNanos,
        state.firstTokenNanos,
        nowNanos,
        state.request.promptTokens(),
        state.outputTokens,
        Math.max(0, state.cachedPromptTokens),
        state.preemptions,
        reason);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
