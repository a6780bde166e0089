package dev.llmscale.sim.control;

import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.metrics.FrontendMetrics;
import dev.llmscale.sim.oracle.OracleResult;
import java.util.Map;

/**
 * The oracle's plan run as a policy ({@code oracle-plan}): replicas asked for a mean lead time
 * (node provisioning, image pull, model load) before the plan's window needs them, given back when
 * it stops needing them. The bound assumes every delay at its floor and every window starting
 * empty; this run has the scenario's real draws and backlogs, so its GPU-hours and SLO say how much
 * of the gap between a policy and the bound hindsight alone would close.
 */
public record OraclePlanSetup(String service, long windowNanos, int[] sizes, long aheadNanos)
    implements PolicySetup {

  private static final long TICK_NANOS = 15_000_000_000L;

  public OraclePlanSetup {
    sizes = sizes.clone();
  }

  /**
   * The plan of {@code oracle}, asked for ahead by the fleet's mean lead time.
   *
   * @throws IllegalArgumentException if the oracle has no plan
   */
  public static OraclePlanSetup of(SimulationSetup setup, OracleResult oracle) {
    if (!oracle.hasPlan()) {
      throw new IllegalArgumentException("the oracle has no plan to replay: " + oracle.describe());
    }
    FleetConfig fleet = setup.fleet();
    return new OraclePlanSetup(
        fleet.service(),
        Math.round(oracle.windowSeconds() * 1e9),
        oracle.replicas(),
        fleet.meanLeadNanos());
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  @Override
  public String label() {
    return "oracle-plan";
  }

  @Override
  public ScalingPolicy policy() {
    return new ScheduledPolicy(service, windowNanos, sizes, aheadNanos, TICK_NANOS);
  }

  @Override
  public MetricPipeline pipeline(FrontendMetrics metrics) {
    return new MetricPipeline() {
      @Override
      public long scrapeIntervalNanos() {
        return TICK_NANOS;
      }

      @Override
      public void scrape(long nowNanos) {}

      @Override
      public Map<String, MetricReading> read(long nowNanos) {
        return Map.of();
      }

      @Override
      public double headline(Map<String, MetricReading> readings) {
        return Double.NaN;
      }
    };
  }
}
