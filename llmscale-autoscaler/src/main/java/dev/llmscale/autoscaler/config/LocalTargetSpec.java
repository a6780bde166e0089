package dev.llmscale.autoscaler.config;

import dev.llmscale.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@code local} target: replicas started on this machine as in-process {@code llmscale emulator}
 * servers, published to the gateway through a file it watches.
 *
 * @param coldStart time from a replica's start to ready (its emulated model load, default 30 s):
 *     kept visible on purpose, since a cold start is what autoscaling has to plan around
 * @param drainTimeout how long a removed replica lets its streams finish (default 30 s)
 * @param upstreamsFile rewritten with the ready replicas' URLs, one per line; the gateway watches
 *     it
 * @param emulator what every replica serves, already resolved; each replica gets a free port on
 *     {@code emulator.host()}, and {@code coldStart} and {@code drainTimeout} above
 */
public record LocalTargetSpec(
    Duration coldStart, Duration drainTimeout, Path upstreamsFile, EmulatorOptions emulator)
    implements TargetSpec {

  public static final Duration DEFAULT_COLD_START = Duration.ofSeconds(30);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  public LocalTargetSpec {
    if (coldStart == null || coldStart.isNegative()) {
      throw new IllegalArgumentException("coldStart must be >= 0: " + coldStart);
    }
    if (drainTimeout == null || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must be >= 0: " + drainTimeout);
    }
    Objects.requireNonNull(upstreamsFile, "upstreamsFile");
    Objects.requireNonNull(emulator, "emulator");
  }
}
