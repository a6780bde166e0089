package dev.llmscale.core.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Requests with input and output lengths drawn from distributions, each prompt optionally led by
 * one of a pool of shared system prompts. As in aiperf, the shared prefix comes on top of the drawn
 * input length: a request's prompt is {@code prefix tokens + input draw} long. Never runs out.
 */
public final class SyntheticWorkload implements Workload {
  private final TokenDistribution input;
  private final TokenDistribution output;
  private final SharedPrefixPool prefixPool;
  private final RandomGenerator random;
  private long index;

  /**
   * @param prefixPool shared system prompts, or null for none
   * @param random the source of all draws; seed it for a reproducible workload
   */
  public SyntheticWorkload(
      TokenDistribution input,
      TokenDistribution output,
      SharedPrefixPool prefixPool,
      RandomGenerator random) {
    this.input = input;
    this.output = output;
    this.prefixPool = prefixPool;
    this.random = random;
  }

  @Override
  public Optional<WorkloadRequest> next() {
    long id = index++;
    List<PromptSegment> prompt = new ArrayList<>(2);
    if (prefixPool != null) {
      prompt.add(prefixPool.pick(random));
    }
    prompt.add(new PromptSegment(PromptSegment.Source.UNIQUE, id, input.sample(random)));
    return Optional.of(new WorkloadRequest(id, prompt, output.sample(random)));
  }
}
