package dev.llmscale.cli;

import dev.llmscale.cli.demo.Demo;
import dev.llmscale.cli.demo.DemoSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmscale demo}: the whole loop on this machine, a burst against each policy. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the whole loop on this machine: emulated GPU replicas on loopback, the gateway, a"
          + " metric source (a real Prometheus if 'prometheus' is on the PATH, else a direct"
          + " scrape), the autoscaler on a local target with a cold start, and a load generator"
          + " playing a burst. Each policy gets the same seeded load; a live line shows rate,"
          + " p99 TTFT against the SLO and replicas; an HTML report compares them.",
      "Timings are compressed: KEDA polls every 5 s, the HPA syncs every 3 s, scale-down"
          + " stabilizes over 20 s, queries use a 10 s window. Ends by itself (each policy runs"
          + " --duration plus replica start-up)."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--policy",
      description = "threshold, slo-planner or both, one after the other (default: both).")
  String policy = "both";

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "Length of each policy's run (default: 100s).")
  Duration duration = Duration.ofSeconds(100);

  @Option(
      names = "--burst-from",
      converter = DurationConverter.class,
      description = "When the burst starts (default: 15s).")
  Duration burstFrom = Duration.ofSeconds(15);

  @Option(
      names = "--burst-length",
      converter = DurationConverter.class,
      description = "How long the burst lasts (default: 70s).")
  Duration burstLength = Duration.ofSeconds(70);

  @Option(
      names = "--base-rate",
      description = "Requests per second outside the burst (default: 1.5).")
  double baseRate = 1.5;

  @Option(names = "--burst-rate", description = "Requests per second in the burst (default: 7).")
  double burstRate = 7;

  @Option(
      names = "--cold-start",
      converter = DurationConverter.class,
      description = "From a scale-up decision to a ready replica (default: 15s).")
  Duration coldStart = Duration.ofSeconds(15);

  @Option(
      names = "--slo-ttft",
      converter = DurationConverter.class,
      description = "The p99 TTFT target (default: 1s).")
  Duration sloTtft = Duration.ofSeconds(1);

  @Option(names = "--min-replicas", description = "Fewest replicas (default: 1).")
  int minReplicas = 1;

  @Option(names = "--max-replicas", description = "Most replicas (default: 8).")
  int maxReplicas = 8;

  @Option(
      names = "--model",
      description = "Catalog model the replicas emulate (default: llama-3.1-8b).")
  String model = "llama-3.1-8b";

  @Option(names = "--gpu", description = "Catalog GPU they emulate (default: a10).")
  String gpu = "a10";

  @Option(names = "--isl", description = "Prompt tokens per request (default: 1000).")
  int inputTokens = 1000;

  @Option(names = "--osl", description = "Output tokens per request (default: 100).")
  int outputTokens = 100;

  @Option(
      names = "--metrics-source",
      description = "auto, prometheus or scrape (default: auto: Prometheus if on the PATH).")
  String metricsSource = "auto";

  @Option(
      names = "--seed",
      description = "Seed of the load, the same for every policy (default: 1).")
  long seed = 1;

  @Option(names = "--out", description = "Report and artifacts directory (default: demo-out).")
  Path out = Path.of("demo-out");

  @Option(
      names = "--keep-running",
      description = "Leave the last policy's stack up afterwards and print its URLs (Ctrl-C ends).")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    // The components' own INFO lines (replica added, healthy, draining) would bury the live view;
    // warnings and errors still show. Set before the first logger exists.
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
      System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
    }
    List<String> policies =
        switch (policy.strip()) {
          case "both" -> DemoSettings.POLICIES;
          default -> List.of(policy.strip());
        };
    DemoSettings settings;
    try {
      settings =
          new DemoSettings(
              policies,
              model,
              gpu,
              inputTokens,
              outputTokens,
              baseRate,
              burstRate,
              duration,
              burstFrom,
              burstLength,
              coldStart,
              sloTtft,
              minReplicas,
              maxReplicas,
              metricsSource,
              seed,
              out,
              keepRunning,
              "llmscale " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    Demo.run(settings, System.out, System.console() != null);
    return ExitCodes.OK;
  }
}
