package dev.llmscale.core.workload;

/**
 * A run of prompt tokens whose content is named, not spelled out: two segments with the same source
 * and id have the same text up to the shorter one's length, so prompts that share a leading segment
 * share a cacheable prefix. The load generator renders the text; the simulator hashes the names
 * into KV block hashes.
 *
 * @param source what the content belongs to
 * @param id which content of that source: the request index for {@link Source#UNIQUE}, the pool
 *     prompt for {@link Source#SHARED_PREFIX}, the trace's block hash id for {@link
 *     Source#TRACE_BLOCK}
 * @param tokens length in tokens, {@code > 0}
 */
public record PromptSegment(Source source, long id, int tokens) {

  /** Where a segment's content comes from. */
  public enum Source {
    /** Content of one request only: never a prefix-cache hit. */
    UNIQUE,
    /** One of a pool of system prompts shared by many requests. */
    SHARED_PREFIX,
    /** A block of a replayed trace, identified by the trace's hash id. */
    TRACE_BLOCK
  }

  public PromptSegment {
    if (source == null) {
      throw new IllegalArgumentException("segment source must not be null");
    }
    if (tokens <= 0) {
      throw new IllegalArgumentException("segment tokens must be > 0: " + tokens);
    }
  }
}
