package dev.llmscale.core.route;

import java.util.Objects;

/**
 * One replica as a router sees it when it decides: what the caller itself has outstanding there
 * (exact, current) and what the engine last reported about its queue and KV cache (sampled, a
 * little stale).
 *
 * @param id stable identity of the replica (the gateway uses its base URL)
 * @param inFlight requests the caller has sent to the replica and not seen finish
 * @param waiting the engine's queue at its last sample ({@code vllm:num_requests_waiting})
 * @param running the engine's running batch at its last sample ({@code vllm:num_requests_running})
 * @param kvUsage KV-cache usage at its last sample, 0 to 1 ({@code vllm:kv_cache_usage_perc})
 */
public record ReplicaLoad(String id, int inFlight, int waiting, int running, double kvUsage) {

  public ReplicaLoad {
    Objects.requireNonNull(id, "id");
    if (inFlight < 0 || waiting < 0 || running < 0) {
      throw new IllegalArgumentException("negative request count for replica " + id);
    }
    if (!(kvUsage >= 0)) {
      kvUsage = 0; // unknown (NaN) or nonsense counts as empty
    }
    kvUsage = Math.min(kvUsage, 1);
  }

  /** A replica with nothing outstanding and no engine sample yet. */
  public static ReplicaLoad idle(String id) {
    return new ReplicaLoad(id, 0, 0, 0, 0);
  }
}
