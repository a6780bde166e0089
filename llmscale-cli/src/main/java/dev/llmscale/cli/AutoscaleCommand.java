package dev.llmscale.cli;

import dev.llmscale.autoscaler.Autoscaler;
import dev.llmscale.autoscaler.config.AutoscalerConfig;
import dev.llmscale.autoscaler.config.AutoscalerConfigLoader;
import dev.llmscale.autoscaler.config.ConfigException;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmscale autoscale}: the control loop, configured by a file. */
@Command(
    name = "autoscale",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scale a service on what users feel: read metrics (Prometheus or a direct scrape), run the"
          + " threshold policy (KEDA ScaledObject semantics, exactly) or the SLO planner, and"
          + " write replica counts to the scale target (Kubernetes /scale, or local replicas).",
      "Every decision is printed as one JSON line on stdout; the autoscaler's own metrics are at"
          + " /metrics on the configured listen address. Stops on SIGTERM or Ctrl-C."
    })
public final class AutoscaleCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      description = "The configuration file (YAML); see docs/configuration.md.")
  Path config;

  @Option(
      names = "--dry-run",
      description = "Decide and log, never scale (overrides the file's dryRun).")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    AutoscalerConfig loaded;
    try {
      loaded = AutoscalerConfigLoader.load(config);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (dryRun) {
      loaded =
          new AutoscalerConfig(
              loaded.file(),
              loaded.policy(),
              true,
              loaded.listen(),
              loaded.source(),
              loaded.targets(),
              loaded.warnings());
    }
    PrintStream err = System.err;
    for (String warning : loaded.warnings()) {
      err.println("warning: " + warning);
    }
    Autoscaler autoscaler;
    try {
      autoscaler = Autoscaler.start(loaded, System.out);
    } catch (ScaleTargetException e) {
      err.println("llmscale autoscale: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    err.printf(
        "llmscale autoscale: policy %s, %s%s; metrics %s%n",
        loaded.policy().kind(),
        String.join(", ", loaded.policy().services()),
        loaded.dryRun() ? " (dry run: deciding, not scaling)" : "",
        autoscaler.metricsUri().map(Object::toString).orElse("off"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  autoscaler.close();
                  stopped.countDown();
                },
                "llmscale-autoscale-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
