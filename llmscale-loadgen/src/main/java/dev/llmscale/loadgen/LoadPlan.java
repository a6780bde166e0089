package dev.llmscale.loadgen;

import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.Workload;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run sends and when.
 *
 * @param workload what each request asks for
 * @param arrivals when requests go out (open loop: rate or trace); empty for a closed loop that
 *     keeps {@code concurrency} requests in flight
 * @param concurrency in-flight cap: the fixed concurrency of a closed loop, or with arrivals the
 *     most requests in flight (later arrivals wait in a client-side queue and their lag is
 *     reported); 0 means no cap, only allowed with arrivals
 * @param limit when sending stops
 * @param gracePeriod after a duration limit, how long in-flight requests may finish before they are
 *     cancelled (count-limited runs wait for every request, each bounded by its timeout)
 */
public record LoadPlan(
    Workload workload,
    Optional<ArrivalProcess> arrivals,
    int concurrency,
    RunLimit limit,
    Duration gracePeriod) {

  public LoadPlan {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(limit, "limit");
    if (concurrency < 0) {
      throw new IllegalArgumentException("concurrency must be >= 0: " + concurrency);
    }
    if (arrivals.isEmpty() && concurrency == 0) {
      throw new IllegalArgumentException("a closed-loop run needs a concurrency > 0");
    }
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("grace period must be >= 0: " + gracePeriod);
    }
  }
}
