package dev.llmscale.sim;

import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.gateway.GatewayConfig;
import dev.llmscale.sim.workload.WorkloadSource;

/**
 * Everything one run needs except the policy: a scenario resolved against the catalogs.
 *
 * @param scenario the scenario's name, for reports
 * @param seed the seed every random stream of the run derives from
 * @param durationNanos arrivals stop here; requests in flight then are followed to their end
 * @param sampleIntervalNanos spacing of the results' time series
 * @param clientTimeoutNanos a client gives up on a request that has not finished after this long
 * @param slo the targets attainment is measured against (and the planner plans for)
 * @param fleet the scaled service and its nodes
 * @param gateway routing, admission control and exported metrics
 * @param workload the requests
 * @param policyStartNanos the autoscaler's first tick; until then the monitoring system only
 *     collects (a deployed autoscaler usually starts on a fleet whose metrics have history; a run's
 *     metrics start empty)
 */
public record SimulationSetup(
    String scenario,
    long seed,
    long durationNanos,
    long sampleIntervalNanos,
    long clientTimeoutNanos,
    SloTargets slo,
    FleetConfig fleet,
    GatewayConfig gateway,
    WorkloadSource workload,
    long policyStartNanos) {

  public SimulationSetup {
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("duration must be > 0");
    }
    if (sampleIntervalNanos <= 0) {
      throw new IllegalArgumentException("report.sampleInterval must be > 0");
    }
    if (clientTimeoutNanos <= 0) {
      throw new IllegalArgumentException("client.timeout must be > 0");
    }
    if (policyStartNanos < 0 || policyStartNanos >= durationNanos) {
      throw new IllegalArgumentException("policies.startAt must be in [0, duration)");
    }
    if (slo == null || fleet == null || gateway == null || workload == null) {
      throw new IllegalArgumentException("slo, fleet, gateway and workload are required");
    }
  }

  /** This setup with every random stream seeded from {@code seed}. */
  public SimulationSetup withSeed(long seed) {
    return new SimulationSetup(
        scenario,
        seed,
        durationNanos,
        sampleIntervalNanos,
        clientTimeoutNanos,
        slo,
        fleet,
        gateway,
        workload,
        policyStartNanos);
  }

  /** This setup run on {@code fleet} instead. */
  public SimulationSetup withFleet(FleetConfig fleet) {
    return new SimulationSetup(
        scenario,
        seed,
        durationNanos,
        sampleIntervalNanos,
        clientTimeoutNanos,
        slo,
        fleet,
        gateway,
        workload,
        policyStartNanos);
  }
}
