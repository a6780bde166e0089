package dev.llmscale.sim.oracle;

import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.fleet.SimRequest;
import java.util.List;

/**
 * Sizes each window from a core {@link CapacityModel}: {@code ceil(rate / capacity)} replicas for
 * the window's arrival rate and mean prompt and output lengths. Fast (the steady-state model takes
 * microseconds per mix), and exactly as good as the capacity model: one that overestimates what a
 * replica carries for the real mix (long-tailed prompts, bursty arrivals) makes the bound looser,
 * still a bound.
 */
public record CapacityOracle(CapacityModel capacity, long windowNanos) implements FleetOracle {

  @Override
  public OracleResult bound(SimulationSetup setup, long seed) {
    List<List<SimRequest>> windows = Windows.of(setup, seed, windowNanos);
    int[] replicas = new int[windows.size()];
    double gpuSeconds = 0;
    for (int w = 0; w < windows.size(); w++) {
      List<SimRequest> requests = windows.get(w);
      if (requests.isEmpty()) {
        continue;
      }
      double input = 0;
      double output = 0;
      for (SimRequest request : requests) {
        input += request.inputTokens();
        output += request.outputTokens();
      }
      long length = Windows.length(setup, windowNanos, w);
      double rate = requests.size() / (length / 1e9);
      LoadShape shape = new LoadShape(input / requests.size(), output / requests.size());
      double perReplica = capacity.maxRatePerReplica(PoolRole.AGGREGATED, shape);
      if (!(perReplica > 0)) {
        return OracleResult.unreachable(
            windowNanos / 1e9,
            "no replica meets the SLO for " + shape + " at any rate: the SLO is out of reach");
      }
      replicas[w] = (int) Math.ceil(rate / perReplica - 1e-9);
      gpuSeconds += replicas[w] * setup.fleet().replica().gpus() * (length / 1e9);
    }
    double hours = gpuSeconds / 3600;
    return new OracleResult(hours, hours, windowNanos / 1e9, replicas, capacity.describe());
  }
}
