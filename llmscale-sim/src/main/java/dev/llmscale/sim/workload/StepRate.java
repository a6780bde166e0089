package dev.llmscale.sim.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rate that jumps at given times and holds until the next jump: a load step, or a burst as a step
 * up followed by a step down. Before the first step's time the first step's rate applies.
 *
 * @param steps in strictly increasing time order, at least one
 */
public record StepRate(List<Step> steps) implements RateProfile {

  /** From {@code atNanos} on, {@code perSecond} requests per second. */
  public record Step(long atNanos, double perSecond) {
    public Step {
      if (atNanos < 0) {
        throw new IllegalArgumentException("steps[].at must be >= 0: " + atNanos + " ns");
      }
      if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("steps[].rate must be >= 0: " + perSecond);
      }
    }
  }

  public StepRate {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps: at least one step is required");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).atNanos() <= steps.get(i - 1).atNanos()) {
        throw new IllegalArgumentException("steps: times must increase strictly (step " + i + ")");
      }
    }
  }

  /**
   * A base rate with bursts: {@code burst} requests per second for {@code lengthNanos}, every
   * {@code everyNanos} from {@code firstNanos}, up to {@code endNanos}.
   */
  public static StepRate bursts(
      double base,
      double burst,
      long firstNanos,
      long everyNanos,
      long lengthNanos,
      long endNanos) {
    if (lengthNanos <= 0 || everyNanos <= lengthNanos) {
      throw new IllegalArgumentException(
          "bursts: length must be > 0 and shorter than every (length "
              + lengthNanos / 1e9
              + " s, every "
              + everyNanos / 1e9
              + " s)");
    }
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(0, base));
    for (long start = firstNanos; start < endNanos; start += everyNanos) {
      if (start == 0) {
        steps.set(0, new Step(0, burst));
      } else {
        steps.add(new Step(start, burst));
      }
      steps.add(new Step(start + lengthNanos, base));
    }
    return new StepRate(steps);
  }

  @Override
  public double ratePerSecond(long nanos) {
    double rate = steps.get(0).perSecond();
    for (Step step : steps) {
      if (step.atNanos() > nanos) {
        break;
      }
      rate = step.perSecond();
    }
    return rate;
  }

  @Override
  public double maxRatePerSecond() {
    double max = 0;
    for (Step step : steps) {
      max = Math.max(max, step.perSecond());
    }
    return max;
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (Step step : steps) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(String.format(Locale.ROOT, "%.4g req/s", step.perSecond()));
      if (step.atNanos() > 0) {
        text.append(String.format(Locale.ROOT, " from %.0f s", step.atNanos() / 1e9));
      }
    }
    return text.toString();
  }
}
