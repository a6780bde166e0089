package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.Workload;
import dev.llmscale.core.workload.WorkloadRequest;
import dev.llmscale.sim.fleet.SimRequest;
import java.util.Optional;

/**
 * The requests of a run in arrival order: the core {@link ArrivalProcess} says when, the core
 * {@link Workload} says what, and the prompt's segments become KV block hashes. Ends when either
 * runs out.
 */
public final class GeneratedRequests implements RequestStream {
  private final ArrivalProcess arrivals;
  private final Workload workload;
  private final int blockSize;
  private final int maxModelLen;
  private long index;

  /**
   * @param blockSize the engine's KV block size, which the hashes are cut to
   * @param maxModelLen the engine's limit: longer requests are cut, prompt first kept whole and
   *     output shortened, then prompt shortened, as a client that knows the limit would send them
   */
  public GeneratedRequests(
      ArrivalProcess arrivals, Workload workload, int blockSize, int maxModelLen) {
    this.arrivals = arrivals;
    this.workload = workload;
    this.blockSize = blockSize;
    this.maxModelLen = maxModelLen;
  }

  @Override
  public SimRequest next() {
    long at = arrivals.nextArrivalNanos();
    if (at == ArrivalProcess.NONE) {
      return null;
    }
    Optional<WorkloadRequest> shape = workload.next();
    if (shape.isEmpty()) {
      return null;
    }
    WorkloadRequest request = shape.get();
    int input = request.inputTokens();
    int output = request.outputTokens();
    if (input + output > maxModelLen) {
      output = Math.max(1, Math.min(output, maxModelLen - input));
      input = Math.min(input, maxModelLen - output);
    }
    long[] hashes = PromptHashes.of(request.prompt(), blockSize);
    int fullBlocks = input / blockSize;
    if (hashes.length > fullBlocks) {
      hashes = java.util.Arrays.copyOf(hashes, fullBlocks);
    }
    return new SimRequest(index++, at, input, output, hashes);
  }
}
