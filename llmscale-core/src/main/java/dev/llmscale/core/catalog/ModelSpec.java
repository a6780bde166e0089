package dev.llmscale.core.catalog;

/**
 * A served LLM's shape, enough to derive weights and KV-cache bytes exactly.
 *
 * @param id catalog key users type ({@code qwen3-0.6b})
 * @param name the model's published name ({@code Qwen/Qwen3-0.6B})
 * @param parameters total parameter count
 * @param layers transformer layers
 * @param hiddenSize model (embedding) dimension
 * @param attentionHeads query heads
 * @param kvHeads key/value heads (grouped-query attention)
 * @param headDim dimension of one attention head
 * @param dtypeBytes bytes per weight and per KV element (2 for bf16/fp16)
 * @param maxContext longest context the model supports, in tokens
 */
public record ModelSpec(
    String id,
    String name,
    long parameters,
    int layers,
    int hiddenSize,
    int attentionHeads,
    int kvHeads,
    int headDim,
    int dtypeBytes,
    int maxContext) {

  /** Bytes of weights held in GPU memory. */
  public long weightBytes() {
    return parameters * dtypeBytes;
  }

  /** KV-cache bytes one token occupies: K and V, for every layer and KV head. */
  public long kvBytesPerToken() {
    return 2L * layers * kvHeads * headDim * dtypeBytes;
  }
}
