package dev.llmscale.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One demo, already validated. Every duration is in the demo's own time, which runs the control
 * loop's clocks a few times faster than a production cluster so that a burst, the cold start of new
 * replicas and the scale-down after it fit in a few minutes.
 *
 * @param policies the policies to run, one after the other, each on the same seeded load
 * @param model catalog model the emulated replicas serve
 * @param gpu catalog GPU they emulate
 * @param inputTokens prompt length of every request
 * @param outputTokens output length of every request
 * @param baseRate requests per second before and after the burst
 * @param burstRate requests per second during the burst
 * @param duration length of each policy's run
 * @param burstFrom when the burst starts
 * @param burstLength how long it lasts
 * @param coldStart from a scale-up decision to a ready replica (node, image, model load)
 * @param sloTtft the p99 TTFT target
 * @param minReplicas fewest replicas
 * @param maxReplicas most replicas
 * @param metricsSource {@code auto} (Prometheus if on the PATH, else direct scrape), {@code
 *     prometheus} or {@code scrape}
 * @param seed seeds the arrivals and prompt lengths, identical for every policy
 * @param outDir where the report and each run's artifacts go
 * @param keepRunning leave the last stack up after the runs, for the user's own clients
 * @param commandLine how the demo was invoked, for the report
 */
public record DemoSettings(
    List<String> policies,
    String model,
    String gpu,
    int inputTokens,
    int outputTokens,
    double baseRate,
    double burstRate,
    Duration duration,
    Duration burstFrom,
    Duration burstLength,
    Duration coldStart,
    Duration sloTtft,
    int minReplicas,
    int maxReplicas,
    String metricsSource,
    long seed,
    Path outDir,
    boolean keepRunning,
    String commandLine) {

  public static final List<String> POLICIES = List.of("threshold", "slo-planner");

  /** KEDA's pollingInterval in the demo's time (30 s in production). */
  static final int POLLING_INTERVAL_SECONDS = 5;

  /** The HPA's sync period in the demo's time (15 s in production). */
  static final int HPA_SYNC_SECONDS = 3;

  /**
   * Scale-down stabilization in the demo's time (300 s in production, about a cold start there as
   * here).
   */
  static final int DOWNSCALE_STABILIZATION_SECONDS = 20;

  /** The window of {@code rate()} in every query (1 to 2 minutes in production). */
  static final Duration QUERY_WINDOW = Duration.ofSeconds(10);

  /** How often Prometheus (or the direct scraper) reads the gateway. */
  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

  public DemoSettings {
    policies = List.copyOf(policies);
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("--policy: name at least one policy");
    }
    for (String policy : policies) {
      if (!POLICIES.contains(policy)) {
        throw new IllegalArgumentException(
            "--policy: unknown policy '" + policy + "'; known: threshold, slo-planner, both");
      }
    }
    positive("--isl", inputTokens);
    positive("--osl", outputTokens);
    if (!(baseRate > 0) || !(burstRate > 0) || burstRate > 200) {
      throw new IllegalArgumentException(
          "--base-rate and --burst-rate must be > 0 (and the burst at most 200 req/s)");
    }
    if (duration.compareTo(Duration.ofSeconds(20)) < 0
        || duration.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException("--duration must be between 20s and 30m: " + duration);
    }
    if (burstFrom.isNegative() || burstLength.isNegative() || burstLength.isZero()) {
      throw new IllegalArgumentException("the burst must start at or after 0 and last > 0");
    }
    if (burstFrom.plus(burstLength).compareTo(duration) > 0) {
      throw new IllegalArgumentException("the burst must end within --duration");
    }
    if (coldStart.isNegative()) {
      throw new IllegalArgumentException("--cold-start must be >= 0");
    }
    if (sloTtft.isNegative() || sloTtft.isZero()) {
      throw new IllegalArgumentException("--slo-ttft must be > 0");
    }
    if (minReplicas < 1 || maxReplicas < minReplicas || maxReplicas > 16) {
      throw new IllegalArgumentException(
          "replicas: need 1 <= --min-replicas <= --max-replicas <= 16");
    }
    if (!List.of("auto", "prometheus", "scrape").contains(metricsSource)) {
      throw new IllegalArgumentException(
          "--metrics-source must be auto, prometheus or scrape: " + metricsSource);
    }
  }

  private static void positive(String flag, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be > 0: " + value);
    }
  }

  double burstFromSeconds() {
    return burstFrom.toMillis() / 1000.0;
  }

  double burstToSeconds() {
    return burstFrom.plus(burstLength).toMillis() / 1000.0;
  }

  /** One line on what the demo runs. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%s on %s, %d in / %d out tokens; %.1f req/s, a burst of %.1f req/s from %d s for %d s;"
            + " cold start %d s; SLO p99 TTFT %.2f s; %d to %d replicas",
        model,
        gpu,
        inputTokens,
        outputTokens,
        baseRate,
        burstRate,
        burstFrom.toSeconds(),
        burstLength.toSeconds(),
        coldStart.toSeconds(),
        sloTtft.toMillis() / 1000.0,
        minReplicas,
        maxReplicas);
  }
}
