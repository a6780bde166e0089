package dev.llmscale.cli;

import dev.llmscale.sim.BestStaticFleet;
import dev.llmscale.sim.Comparison;
import dev.llmscale.sim.report.ResultsJson;
import dev.llmscale.sim.report.ResultsTable;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.report.SimulationReport;
import dev.llmscale.sim.scenario.Scenario;
import dev.llmscale.sim.scenario.ScenarioException;
import dev.llmscale.sim.scenario.ScenarioReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale simulate}: runs a scenario's policies side by side on the same seeded workload in
 * virtual time and prints, per policy, latency percentiles, SLO attainment, goodput, errors,
 * GPU-hours, cost and scaling actions.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulate a fleet (gateway, engines, metric pipeline, autoscaler, GPU nodes) in virtual time"
          + " and compare scaling policies on the same seeded workload.",
      "The scenario file format is described in docs/simulator.md; examples/ has examples."
    })
public final class SimulateCommand implements Callable<Integer> {
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
  Path scenarioFile;

  @Option(
      names = {"--policy", "--policies"},
      split = ",",
      paramLabel = "NAME",
      description =
          "threshold, slo-planner, both (every policy the scenario configures), static (the"
              + " initial fleet, no autoscaler), best-static (the least fixed fleet that meets"
              + " the SLO, found by replaying the scenario at several sizes) or oracle-plan (the"
              + " oracle's plan by the clock, replicas asked for a lead time ahead); a"
              + " comma-separated list runs several (default: both).")
  List<String> policies = List.of("both");

  @Option(names = "--seed", description = "Seed of every random stream (default: the scenario's).")
  Long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write results.json, report.html and charts/*.svg (request rate, p99 TTFT, what the"
              + " policy read, replicas, nodes) into this directory.")
  Path out;

  @Option(names = "--quiet", description = "No progress lines.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(scenarioFile);
    } catch (ScenarioException e) {
      throw new UsageException(e.getMessage(), e);
    }
    List<String> labels = labels(scenario);
    long runSeed = seed != null ? seed : scenario.setup().seed();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    stdout.printf(
        Locale.ROOT,
        "%s: %.0f min simulated, seed %d, SLO %s%n%s%n%n",
        scenario.name(),
        scenario.setup().durationNanos() / 60e9,
        runSeed,
        scenario.setup().slo(),
        scenario.setup().workload().describe());
    stdout.flush();
    Comparison.Result comparison;
    try {
      comparison =
          Comparison.run(
              scenario, labels, runSeed, quiet ? Comparison.RunProgress.NONE : progress(stderr));
    } catch (IllegalArgumentException e) {
      if (!labels.contains(Comparison.ORACLE_PLAN)) {
        throw e;
      }
      throw new UsageException(e.getMessage(), e);
    }
    List<RunResult> results = comparison.runs();
    stdout.print(ResultsTable.render(results, comparison.oracle()));
    stdout.println();
    stdout.println(comparison.oracle().describe());
    for (RunResult result : results) {
      stdout.printf(
          Locale.ROOT,
          "%s: %d requests, %,d events in %.2f s wall (%.2f simulated hours per second)%n",
          result.policy(),
          result.summary().requests(),
          result.events(),
          result.wallSeconds(),
          result.speedup());
    }
    if (out != null) {
      Path json = ResultsJson.write(out.resolve("results.json"), comparison);
      Path html =
          SimulationReport.build(
                  comparison,
                  scenario.description(),
                  "llmscale "
                      + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                  scenario.setup().slo().ttftSeconds())
              .write(out.resolve("report.html"));
      List<Path> charts =
          SimulationReport.writeCharts(
              out.resolve("charts"), results, scenario.setup().slo().ttftSeconds());
      stdout.printf(
          "wrote %s, %s and %d charts in %s%n", json, html, charts.size(), out.resolve("charts"));
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private List<String> labels(Scenario scenario) {
    List<String> labels = new ArrayList<>();
    for (String policy : policies) {
      String name = policy.strip();
      switch (name) {
        case "both", "all" -> {
          if (scenario.policies().isEmpty()) {
            throw new UsageException(
                scenario.name()
                    + " configures no policy (policies: threshold, slo-planner); use --policy"
                    + " static to run the initial fleet");
          }
          labels.addAll(scenario.policyLabels());
        }
        case "static", BestStaticFleet.LABEL, Comparison.ORACLE_PLAN -> labels.add(name);
        case "threshold", "slo-planner" -> {
          try {
            scenario.policy(name);
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
          labels.add(name);
        }
        default ->
            throw new UsageException(
                "unknown --policy '"
                    + name
                    + "' (threshold, slo-planner, both, static, best-static, oracle-plan)");
      }
    }
    return labels.stream().distinct().toList();
  }

  /** A line on stderr at most once a second of wall time, per run. */
  private static Comparison.RunProgress progress(PrintWriter err) {
    long[] last = {System.nanoTime()};
    return (label, simulated, total) -> {
      long now = System.nanoTime();
      if (now - last[0] >= PROGRESS_EVERY_NANOS) {
        last[0] = now;
        err.printf(
            Locale.ROOT,
            label.equals(Comparison.ORACLE)
                ? "%s: windows to %.0f of %.0f s replayed on every fleet size (%.0f %%)%n"
                : "%s: %.0f of %.0f s simulated (%.0f %%)%n",
            label,
            simulated / 1e9,
            total / 1e9,
            100.0 * simulated / total);
        err.flush();
      }
    };
  }
}
