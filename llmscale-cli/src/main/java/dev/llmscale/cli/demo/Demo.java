package dev.llmscale.cli.demo;

import dev.llmscale.cli.demo.PolicyRun.WindowBy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** Runs the demo: each policy on the same burst, then the summary and the HTML report. */
public final class Demo {
  private Demo() {}

  /**
   * @param terminal whether {@code out} is a terminal (the live line redraws in place)
   * @return each policy's run, in order; the report is in the settings' output directory
   */
  public static List<PolicyRun> run(DemoSettings settings, PrintStream out, boolean terminal)
      throws Exception {
    out.println("llmscale demo: " + settings.describe());
    List<PolicyRun> runs = new ArrayList<>();
    List<DemoStack> kept = new ArrayList<>();
    DemoSources sources = DemoSources.choose(settings.metricsSource(), out);
    try {
      for (int i = 0; i < settings.policies().size(); i++) {
        String policy = settings.policies().get(i);
        boolean last = i == settings.policies().size() - 1;
        LiveView live = new LiveView(out, terminal, settings.sloTtft().toMillis() / 1000.0);
        runs.add(
            DemoRun.run(
                policy,
                settings,
                sources,
                live,
                out,
                settings.keepRunning() && last ? kept : null));
      }
      String verdict = verdict(runs);
      out.println();
      out.print(DemoReport.table(runs));
      out.println();
      out.println(verdict);
      Path report =
          DemoReport.write(settings.outDir().resolve("report.html"), settings, runs, verdict);
      out.println("report: " + report.toAbsolutePath());
      if (!kept.isEmpty()) {
        keepRunning(kept.getFirst(), report, out);
      }
    } finally {
      kept.forEach(DemoStack::close);
    }
    return List.copyOf(runs);
  }

  /** A sentence comparing the planner with the threshold policy, as the figures say. */
  static String verdict(List<PolicyRun> runs) {
    PolicyRun threshold = find(runs, "threshold");
    PolicyRun planner = find(runs, "slo-planner");
    if (threshold == null || planner == null) {
      PolicyRun only = runs.getFirst();
      return String.format(
          Locale.ROOT,
          "%s: p99 TTFT within the SLO in %s of the burst's windows, %.0f replica-seconds.",
          only.policy(),
          DemoReport.percent(share(only, WindowBy.SENT)),
          only.replicaSeconds());
    }
    String cost =
        planner.replicaSeconds() <= threshold.replicaSeconds()
            ? "with no more replica-seconds"
            : "but with MORE replica-seconds";
    return String.format(
        Locale.ROOT,
        "The SLO planner kept p99 TTFT within the SLO for %s of the burst as the gateway sees it"
            + " (%s vs %s of 5 s windows by first token), %s by send time (%s vs %s), %s of"
            + " requests (%s vs %s), %s (%.0f vs %.0f) than the threshold policy.",
        compare(share(planner, WindowBy.FIRST_TOKEN), share(threshold, WindowBy.FIRST_TOKEN)),
        DemoReport.percent(share(planner, WindowBy.FIRST_TOKEN)),
        DemoReport.percent(share(threshold, WindowBy.FIRST_TOKEN)),
        compare(share(planner, WindowBy.SENT), share(threshold, WindowBy.SENT)),
        DemoReport.percent(share(planner, WindowBy.SENT)),
        DemoReport.percent(share(threshold, WindowBy.SENT)),
        compare(planner.sloAttainment(), threshold.sloAttainment()),
        DemoReport.percent(planner.sloAttainment()),
        DemoReport.percent(threshold.sloAttainment()),
        cost,
        planner.replicaSeconds(),
        threshold.replicaSeconds());
  }

  private static double share(PolicyRun run, WindowBy by) {
    return run.shareOfWindowsWithinSlo(run.burstFrom(), run.burstTo(), by);
  }

  private static String compare(double planner, double threshold) {
    return planner > threshold
        ? "a larger share"
        : planner == threshold ? "the same share" : "a SMALLER share";
  }

  private static PolicyRun find(List<PolicyRun> runs, String policy) {
    return runs.stream().filter(r -> r.policy().equals(policy)).findFirst().orElse(null);
  }

  private static void keepRunning(DemoStack stack, Path report, PrintStream out)
      throws InterruptedException {
    out.println();
    out.println("The stack stays up (" + stack.policy() + "); point your own clients at it:");
    out.println("  gateway (OpenAI API)  " + stack.gatewayUri() + "/v1");
    out.println("  gateway metrics       " + stack.gatewayUri() + "/metrics");
    out.println("  autoscaler metrics    " + stack.autoscalerMetricsUri());
    out.println("  report                " + report.toAbsolutePath().toUri());
    out.println("Ctrl-C stops it.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
