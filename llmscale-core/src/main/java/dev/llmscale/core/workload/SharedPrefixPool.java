package dev.llmscale.core.workload;

import java.util.random.RandomGenerator;

/**
 * A pool of system prompts shared by many requests, to exercise prefix caching: each request starts
 * with one of {@code prompts} prompts of {@code tokens} tokens, picked uniformly at random.
 *
 * @param prompts how many distinct system prompts, {@code > 0}
 * @param tokens length of each, {@code > 0}
 */
public record SharedPrefixPool(int prompts, int tokens) {

  public SharedPrefixPool {
    if (prompts <= 0 || tokens <= 0) {
      throw new IllegalArgumentException(
          "a prefix pool needs prompts > 0 and tokens > 0: " + prompts + ", " + tokens);
    }
  }

  /** The leading segment of one request. */
  public PromptSegment pick(RandomGenerator random) {
    return new PromptSegment(PromptSegment.Source.SHARED_PREFIX, random.nextInt(prompts), tokens);
  }
}
