package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.PromptSegment;
import java.util.List;

/**
 * The KV block hashes of a prompt known only by its named segments: each full block's hash chains
 * the hash of the block before it with the segment runs the block covers (source, id, offset in the
 * segment, length). Two prompts get the same hash for block {@code i} exactly when they have the
 * same segments up to the end of that block, which is what prefix caching and prefix-aware routing
 * key on. The simulator has no text to tokenize; this is its stand-in for hashing tokens.
 */
public final class PromptHashes {
  private static final long SEED = 0x73696d2d68617368L;

  private PromptHashes() {}

  /** Hashes of the prompt's full blocks of {@code blockSize} tokens; a partial tail gets none. */
  public static long[] of(List<PromptSegment> prompt, int blockSize) {
    int total = 0;
    for (PromptSegment segment : prompt) {
      total += segment.tokens();
    }
    long[] hashes = new long[total / blockSize];
    long parent = SEED;
    int segment = 0;
    int offset = 0;
    for (int block = 0; block < hashes.length; block++) {
      long h = parent;
      int remaining = blockSize;
      while (remaining > 0) {
        PromptSegment current = prompt.get(segment);
        int take = Math.min(remaining, current.tokens() - offset);
        h = mix(h ^ mix(current.source().ordinal() * 0x9e3779b97f4a7c15L + current.id()));
        h = mix(h ^ ((long) offset << 32 | take));
        remaining -= take;
        offset += take;
        if (offset == current.tokens()) {
          segment++;
          offset = 0;
        }
      }
      hashes[block] = h;
      parent = h;
    }
    return hashes;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
