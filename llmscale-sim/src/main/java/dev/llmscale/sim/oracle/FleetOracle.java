package dev.llmscale.sim.oracle;

import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.SimulationSetup;

/**
 * The least GPU-hours a fleet of the scenario's engine could spend on a run's requests while
 * keeping the SLO, if it knew the future: the yardstick for the policies' GPU-hours.
 *
 * <p>Every oracle cuts the run into windows and, for each, runs the fewest replicas that serve that
 * window's requests (the very requests every policy sees, from the same seed) within the SLO,
 * paying for exactly those replicas for exactly that window: no node granularity, no headroom, no
 * hysteresis, zero replicas in an empty window. The replay oracle also charges what no fleet
 * escapes when it changes size (the least start-up and consolidation time, {@link SwitchingCosts}).
 * A policy must hold at least that many replicas in each window and pays for them no shorter and no
 * cheaper; everything else it does (provisioning ahead, rounding up to nodes, a utilisation target,
 * waiting out a scale-down window) only adds. Implementations differ in how they find a window's
 * fewest replicas.
 */
public interface FleetOracle {

  /**
   * @param seed the seed the compared runs use: the oracle sizes their requests
   */
  OracleResult bound(SimulationSetup setup, long seed);

  /**
   * The same, telling {@code progress} how far through the run it has got; oracles that are quick
   * tell nothing.
   */
  default OracleResult bound(SimulationSetup setup, long seed, ProgressListener progress) {
    return bound(setup, seed);
  }
}
