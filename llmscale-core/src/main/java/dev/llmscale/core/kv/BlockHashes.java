package dev.llmscale.core.kv;

/**
 * Chained hashes of full KV blocks, as prefix caching keys them: block {@code i}'s hash covers its
 * own tokens and, through the hash of block {@code i-1}, every token before it. Two prompts share
 * cached block {@code i} only if they agree on all tokens up to its end.
 */
public final class BlockHashes {
  private static final long SEED = 0x6c6c6d7363616c65L;

  private BlockHashes() {}

  /** Hashes of the full blocks of {@code tokens}; a trailing partial block gets none. */
  public static long[] ofTokens(int[] tokens, int blockSize) {
    int fullBlocks = tokens.length / blockSize;
    long[] hashes = new long[fullBlocks];
    long parent = SEED;
    for (int block = 0; block < fullBlocks; block++) {
      long h = parent;
      for (int i = block * blockSize, end = i + blockSize; i < end; i++) {
        h = mix(h ^ tokens[i]);
      }
      hashes[block] = h;
      parent = h;
    }
    return hashes;
  }

  /**
   * Hashes for a prompt known only by the ids of its coarse blocks, as traces publish them (the
   * Mooncake trace uses 512-token blocks): each coarse block expands into {@code coarse / fine}
   * fine blocks whose hashes are chained from the coarse ids, so equal coarse prefixes give equal
   * fine prefixes.
   */
  public static long[] ofCoarseIds(
      long[] coarseIds, int coarseBlockSize, int promptTokens, int blockSize) {
    if (coarseBlockSize % blockSize != 0) {
      throw new IllegalArgumentException(
          "coarse block size " + coarseBlockSize + " is not a multiple of " + blockSize);
    }
    int perCoarse = coarseBlockSize / blockSize;
    int fullBlocks = Math.min(promptTokens / blockSize, coarseIds.length * perCoarse);
    long[] hashes = new long[fullBlocks];
    long parent = SEED;
    for (int block = 0; block < fullBlocks; block++) {
      parent = mix(parent ^ mix(coarseIds[block / perCoarse] * 31 + block % perCoarse));
      hashes[block] = parent;
    }
    return hashes;
  }

  /** SplitMix64 finaliser: cheap, well distributed, deterministic across runs and JVMs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
