package dev.llmscale.core.workload;

import java.util.List;

/**
 * One request of a workload: its prompt as named segments and how many tokens it asks for.
 *
 * @param index position in the workload, from 0
 * @param prompt segments in order; their token counts add up to the prompt length
 * @param outputTokens {@code max_tokens} of the request, {@code > 0}
 */
public record WorkloadRequest(long index, List<PromptSegment> prompt, int outputTokens) {

  public WorkloadRequest {
    prompt = List.copyOf(prompt);
    if (prompt.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one prompt segment");
    }
    if (outputTokens <= 0) {
      throw new IllegalArgumentException("output tokens must be > 0: " + outputTokens);
    }
  }

  /** Prompt length in tokens. */
  public int inputTokens() {
    int total = 0;
    for (PromptSegment segment : prompt) {
      total += segment.tokens();
    }
    return total;
  }

  /** The shared system prompt this request starts with, or -1 when it starts with none. */
  public long sharedPrefixId() {
    PromptSegment first = prompt.get(0);
    return first.source() == PromptSegment.Source.SHARED_PREFIX ? first.id() : -1;
  }
}
