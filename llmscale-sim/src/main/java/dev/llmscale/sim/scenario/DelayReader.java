package dev.llmscale.sim.scenario;

import dev.llmscale.sim.fleet.Delay;
import dev.llmscale.sim.fleet.FixedDelay;
import dev.llmscale.sim.fleet.LogNormalDelay;
import dev.llmscale.sim.fleet.NormalDelay;
import dev.llmscale.sim.fleet.UniformDelay;

/**
 * Reads a lifecycle delay: a duration ({@code 90s}) for a fixed delay, or a distribution:
 *
 * <pre>
 *   {distribution: uniform, min: 60s, max: 120s}
 *   {distribution: normal, mean: 90s, stddev: 15s, min: 30s}
 *   {distribution: lognormal, median: 180s, sigma: 0.3, min: 90s}
 * </pre>
 */
final class DelayReader {
  private DelayReader() {}

  static Delay read(ScenarioNode node, Delay fallback) {
    if (!node.isPresent()) {
      return fallback;
    }
    if (!node.isMapping()) {
      return new FixedDelay(node.nanos());
    }
    String kind =
        node.field("distribution").choice("fixed", "fixed", "uniform", "normal", "lognormal");
    try {
      return switch (kind) {
        case "fixed" -> {
          node.allowOnly("distribution", "value");
          yield new FixedDelay(node.field("value").nanos());
        }
        case "uniform" -> {
          node.allowOnly("distribution", "min", "max");
          yield new UniformDelay(node.field("min").nanos(), node.field("max").nanos());
        }
        case "normal" -> {
          node.allowOnly("distribution", "mean", "stddev", "min");
          yield new NormalDelay(
              node.field("mean").nanos(),
              node.field("stddev").nanos(),
              node.field("min").nanosOr(0));
        }
        default -> {
          node.allowOnly("distribution", "median", "sigma", "min");
          yield new LogNormalDelay(
              node.field("median").nanos(),
              node.field("sigma").number(),
              node.field("min").nanosOr(0));
        }
      };
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
  }
}
