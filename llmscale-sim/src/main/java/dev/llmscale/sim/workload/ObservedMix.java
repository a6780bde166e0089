package dev.llmscale.sim.workload;

import dev.llmscale.core.policy.LengthMix;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.event.RandomStreams;
import dev.llmscale.sim.fleet.SimRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The request lengths a gateway has seen before the autoscaler's first tick: the length mix a
 * capacity model can be calibrated on without knowing the rest of the run. Only lengths are taken,
 * not arrival times.
 */
public final class ObservedMix {
  private ObservedMix() {}

  /**
   * The lengths of the run's requests arriving before {@code untilNanos}.
   *
   * @throws IllegalArgumentException if fewer than {@code atLeast} arrive by then
   */
  public static LengthMix before(SimulationSetup setup, long seed, long untilNanos, int atLeast) {
    RequestStream requests =
        setup
            .workload()
            .open(
                new RandomStreams(seed),
                setup.durationNanos(),
                setup.fleet().replica().engine().blockSize(),
                setup.fleet().replica().engine().maxModelLen());
    List<SimRequest> seen = new ArrayList<>();
    for (SimRequest request = requests.next();
        request != null && request.arrivalNanos() < untilNanos;
        request = requests.next()) {
      seen.add(request);
    }
    if (seen.size() < atLeast) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "only %d requests arrive before the autoscaler's first tick at %.0f s; the length mix"
                  + " needs at least %d (a later policies.startAt)",
              seen.size(),
              untilNanos / 1e9,
              atLeast));
    }
    int[] inputs = new int[seen.size()];
    int[] outputs = new int[seen.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = seen.get(i).inputTokens();
      outputs[i] = seen.get(i).outputTokens();
    }
    return new LengthMix(inputs, outputs);
  }
}
