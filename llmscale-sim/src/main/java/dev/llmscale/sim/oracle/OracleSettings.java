package dev.llmscale.sim.oracle;

import dev.llmscale.core.policy.CapacityModel;

/**
 * How a scenario's oracle bound is computed.
 *
 * @param windowNanos the window the oracle sizes the fleet for
 * @param capacity what one replica sustains within the SLO, per mix
 */
public record OracleSettings(long windowNanos, CapacityModel capacity) {

  public OracleSettings {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("report.oracleWindow must be > 0");
    }
    if (capacity == null) {
      throw new IllegalArgumentException("an oracle needs a capacity model");
    }
  }
}
