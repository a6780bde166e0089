package dev.llmscale.gateway;

/**
 * A replica's engine state from one scrape of its {@code /metrics}.
 *
 * @param waiting {@code vllm:num_requests_waiting}, summed over engines
 * @param running {@code vllm:num_requests_running}, summed over engines
 * @param kvUsage {@code vllm:kv_cache_usage_perc} (or the older {@code gpu_cache_usage_perc}), the
 *     fullest engine's
 * @param sampledAtNanos when the scrape answered
 */
record EngineSample(int waiting, int running, double kvUsage, long sampledAtNanos) {
  static final EngineSample NONE = new EngineSample(0, 0, 0, Long.MIN_VALUE);

  boolean present() {
    return sampledAtNanos != Long.MIN_VALUE;
  }
}
