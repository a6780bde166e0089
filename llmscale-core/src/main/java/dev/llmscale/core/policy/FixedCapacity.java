package dev.llmscale.core.policy;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A measured capacity that does not depend on the request mix: "one replica keeps the SLO up to 12
 * req/s", as a load test of the real deployment finds it. Use when the mix is stable; otherwise
 * prefer a performance model or profile.
 */
public final class FixedCapacity implements CapacityModel {
  private final Map<PoolRole, Double> rates;

  public FixedCapacity(Map<PoolRole, Double> ratesPerReplica) {
    if (ratesPerReplica.isEmpty()) {
      throw new IllegalArgumentException("capacity: at least one role needs a rate");
    }
    for (Map.Entry<PoolRole, Double> entry : ratesPerReplica.entrySet()) {
      if (!(entry.getValue() > 0) || !Double.isFinite(entry.getValue())) {
        throw new IllegalArgumentException(
            "capacity." + entry.getKey().configName() + " must be > 0: " + entry.getValue());
      }
    }
    this.rates = new EnumMap<>(ratesPerReplica);
  }

  /** One rate for every role. */
  public static FixedCapacity of(double ratePerReplica) {
    Map<PoolRole, Double> rates = new EnumMap<>(PoolRole.class);
    for (PoolRole role : PoolRole.values()) {
      rates.put(role, ratePerReplica);
    }
    return new FixedCapacity(rates);
  }

  @Override
  public double maxRatePerReplica(PoolRole role, LoadShape shape) {
    Double rate = rates.get(role);
    if (rate == null) {
      throw new IllegalArgumentException("no measured capacity for " + role.configName());
    }
    return rate;
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("measured");
    rates.forEach(
        (role, rate) ->
            text.append(String.format(Locale.ROOT, " %s %.2f req/s", role.configName(), rate)));
    return text.toString();
  }
}
