package dev.llmscale.core.policy;

/** What the replicas of a scaled pool do. */
public enum PoolRole {
  /** Prefill and decode on the same replica (one pool, vLLM's default). */
  AGGREGATED,
  /** Prompt computation and the first token only; KV is handed to a decode pool. */
  PREFILL,
  /** Decoding of requests whose KV arrives from a prefill pool. */
  DECODE;

  /** The spelling used in configuration: {@code aggregated}, {@code prefill}, {@code decode}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
