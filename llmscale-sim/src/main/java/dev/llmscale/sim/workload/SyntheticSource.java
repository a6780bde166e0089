package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.SharedPrefixPool;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.sim.event.RandomStreams;
import java.util.Locale;

/**
 * Generated requests: arrivals at a {@link RateProfile} (Poisson or evenly spaced), prompt and
 * output lengths from the core {@link SyntheticWorkload}, optionally led by shared system prompts.
 *
 * @param rate the mean rate over time
 * @param poisson Poisson arrivals (true) or evenly spaced ones
 * @param input prompt length distribution
 * @param output output length distribution
 * @param sharedPrefix shared system prompts, or null for none
 */
public record SyntheticSource(
    RateProfile rate,
    boolean poisson,
    TokenDistribution input,
    TokenDistribution output,
    SharedPrefixPool sharedPrefix)
    implements WorkloadSource {

  public SyntheticSource {
    if (rate == null || input == null || output == null) {
      throw new IllegalArgumentException("workload: rate, input and output are required");
    }
  }

  @Override
  public RequestStream open(RandomStreams random, long endNanos, int blockSize, int maxModelLen) {
    ArrivalProcess arrivals =
        poisson
            ? new PoissonRateArrivals(rate, random.stream("arrivals"), endNanos)
            : new EvenRateArrivals(rate, endNanos);
    SyntheticWorkload shapes =
        new SyntheticWorkload(input, output, sharedPrefix, random.stream("shapes"));
    return new GeneratedRequests(arrivals, shapes, blockSize, maxModelLen);
  }

  @Override
  public String describe() {
    String prefix =
        sharedPrefix == null
            ? ""
            : String.format(
                Locale.ROOT,
                ", %d shared prefixes of %d tokens",
                sharedPrefix.prompts(),
                sharedPrefix.tokens());
    return String.format(
        Locale.ROOT,
        "%s arrivals at %s; input %.0f±%.0f, output %.0f±%.0f tokens%s",
        poisson ? "Poisson" : "evenly spaced",
        rate.describe(),
        input.mean(),
        input.stddev(),
        output.mean(),
        output.stddev(),
        prefix);
  }
}
