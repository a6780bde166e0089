package dev.llmscale.core.kv;

import java.util.HashMap;
import java.util.Map;

/**
 * The paged KV cache of one engine: a fixed number of blocks of {@code blockSize} tokens, reference
 * counted, with prefix caching. A full block may carry the chained hash of the tokens it holds;
 * when its last user frees it, it stays cached (and reusable by a later request with the same
 * prefix) until it is evicted to serve a new allocation, least recently freed first.
 *
 * <p>Not thread-safe: owned by one {@code EngineScheduler}.
 */
public final class KvBlockPool {
  private static final int NONE = -1;

  private final int totalBlocks;
  private final int[] refCount;
  private final long[] hash;
  private final boolean[] hashed;
  // Doubly linked LRU list of free blocks (refCount == 0): evict from the head, free to the tail.
  private final int[] prev;
  private final int[] next;
  private int head = NONE;
  private int tail = NONE;
  private int freeBlocks;
  private final Map<Long, Integer> blockByHash = new HashMap<>();

  public KvBlockPool(int totalBlocks) {
    if (totalBlocks <= 0) {
      throw new IllegalArgumentException("a KV cache needs at least one block: " + totalBlocks);
    }
    this.totalBlocks = totalBlocks;
    this.refCount = new int[totalBlocks];
    this.hash = new long[totalBlocks];
    this.hashed = new boolean[totalBlocks];
    this.prev = new int[totalBlocks];
    this.next = new int[totalBlocks];
    for (int block = 0; block < totalBlocks; block++) {
      appendFree(block);
    }
  }

  public int totalBlocks() {
    return totalBlocks;
  }

  /** Blocks that can be handed out now: unused ones and cached ones that may be evicted. */
  public int freeBlocks() {
    return freeBlocks;
  }

  /** Blocks referenced by at least one request. */
  public int usedBlocks() {
    return totalBlocks - freeBlocks;
  }

  /** Fraction of blocks in use, as vLLM's {@code kv_cache_usage_perc} reports it (0..1). */
  public double usage() {
    return usedBlocks() / (double) totalBlocks;
  }

  /** Cached block holding the prefix with this chained hash, or -1. */
  public int cachedBlock(long blockHash) {
    Integer block = blockByHash.get(blockHash);
    return block == null ? NONE : block;
  }

  /**
   * Takes one more reference on a cached block found by {@link #cachedBlock}; a free cached block
   * leaves the eviction list.
   */
  public void share(int block) {
    if (refCount[block] == 0) {
      unlinkFree(block);
    }
    refCount[block]++;
  }

  /**
   * Hands out a block with one reference, evicting the least recently freed block's cached prefix
   * if needed. Returns -1 if every block is in use.
   */
  public int allocate() {
    if (head == NONE) {
      return NONE;
    }
    int block = head;
    unlinkFree(block);
    if (hashed[block]) {
      blockByHash.remove(hash[block], block);
      hashed[block] = false;
    }
    refCount[block] = 1;
    return block;
  }

  /** Drops one reference; a block nobody uses becomes free but keeps its cached prefix. */
  public void release(int block) {
    if (refCount[block] <= 0) {
      throw new IllegalStateException("block " + block + " released more often than taken");
    }
    if (--refCount[block] == 0) {
      appendFree(block);
    }
  }

  /**
   * Records that {@code block} now holds the full prefix with this chained hash, so later requests
   * can share it. A prefix already cached in another block keeps that block.
   */
  public void cache(int block, long blockHash) {
    if (hashed[block] || blockByHash.containsKey(blockHash)) {
      return;
    }
    hashed[block] = true;
    hash[block] = blockHash;
    blockByHash.put(blockHash, block);
  }

  /** Number of references on a block (for tests and invariant checks). */
  public int refCount(int block) {
    return refCount[block];
  }

  private void appendFree(int block) {
    prev[block] = tail;
    next[block] = NONE;
    if (tail == NONE) {
      head = block;
    } else {
      next[tail] = block;
    }
    tail = block;
    freeBlocks++;
  }

  private void unlinkFree(int block) {
    int before = prev[block];
    int after = next[block];
    if (before == NONE) {
      head = after;
    } else {
      next[before] = after;
    }
    if (after == NONE) {
      tail = before;
    } else {
      prev[after] = before;
    }
    prev[block] = NONE;
    next[block] = NONE;
    freeBlocks--;
  }
}
