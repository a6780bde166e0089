package dev.llmscale.sim.workload;

/**
 * How the mean request rate changes over a run: constant, in steps (bursts are two steps), or
 * following a daily cycle. The arrival processes sample from it.
 */
public sealed interface RateProfile permits ConstantRate, StepRate, DiurnalRate {

  /** Mean requests per second at {@code nanos} from the start of the run; {@code >= 0}. */
  double ratePerSecond(long nanos);

  /** An upper bound of {@link #ratePerSecond} over the whole run. */
  double maxRatePerSecond();

  /** One line for reports, e.g. {@code 8 req/s, 42 req/s from 600 s}. */
  String describe();
}
