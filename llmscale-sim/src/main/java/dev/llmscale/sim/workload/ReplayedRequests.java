package dev.llmscale.sim.workload;

import dev.llmscale.sim.event.RandomStreams;
import dev.llmscale.sim.fleet.SimRequest;
import java.util.List;

/**
 * Given requests again, shifted in time: what the oracle replays to size one window. Each open
 * makes fresh copies, since a {@link SimRequest} carries its run's state.
 *
 * @param requests in arrival order
 * @param offsetNanos subtracted from every arrival time
 */
public record ReplayedRequests(List<SimRequest> requests, long offsetNanos)
    implements WorkloadSource {

  public ReplayedRequests {
    requests = List.copyOf(requests);
  }

  @Override
  public RequestStream open(RandomStreams random, long endNanos, int blockSize, int maxModelLen) {
    return new RequestStream() {
      private int next;

      @Override
      public SimRequest next() {
        if (next >= requests.size()) {
          return null;
        }
        SimRequest original = requests.get(next);
        long at = original.arrivalNanos() - offsetNanos;
        if (at >= endNanos) {
          return null;
        }
        return new SimRequest(
            next++, at, original.inputTokens(), original.outputTokens(), original.blockHashes());
      }
    };
  }

  @Override
  public String describe() {
    return requests.size() + " replayed requests";
  }
}
