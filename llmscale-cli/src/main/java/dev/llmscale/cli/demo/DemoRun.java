package dev.llmscale.cli.demo;

import dev.llmscale.autoscaler.JsonLinesDecisionLog;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.loadgen.ApiKind;
import dev.llmscale.loadgen.Endpoint;
import dev.llmscale.loadgen.LoadOptions;
import dev.llmscale.loadgen.LoadPlan;
import dev.llmscale.loadgen.LoadRun;
import dev.llmscale.loadgen.ProgressLine;
import dev.llmscale.loadgen.RunSummary;
import dev.llmscale.sim.workload.PoissonRateArrivals;
import dev.llmscale.sim.workload.StepRate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One policy's run: start the stack, play the burst, sample the fleet, collect the results. */
final class DemoRun {
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final int WARM_UP_REQUESTS = 6;

  private DemoRun() {}

  /**
   * Runs {@code policy} and returns what happened. With {@code keep} the stack is handed over open
   * (for {@code --keep-running}); otherwise it is closed before returning.
   */
  static PolicyRun run(
      String policy,
      DemoSettings settings,
      DemoMetricSources sources,
      LiveView live,
      PrintStream out,
      List<DemoStack> keep)
      throws Exception {
    Path dir = settings.outDir().resolve(policy);
    Files.createDirectories(dir);
    List<ReplicaSample> samples = Collections.synchronizedList(new ArrayList<>());
    try (OutputStream decisions = Files.newOutputStream(dir.resolve("decisions.jsonl"));
        PrintStream decisionLines = new PrintStream(decisions, true, StandardCharsets.UTF_8)) {
      out.printf(
          "[%s] starting %d replica(s), the gateway and the autoscaler%n",
          policy, settings.minReplicas());
      DemoStack stack =
          DemoStack.start(
              policy,
              settings,
              sources,
              new JsonLinesDecisionLog(decisionLines),
              gateway -> warmUp(gateway, settings));
      boolean handedOver = false;
      try {
        out.printf(
            "[%s] gateway %s, autoscaler metrics %s%n",
            policy, stack.gatewayUri(), stack.autoscalerMetricsUri());
        AtomicLong errors = new AtomicLong();
        LoadRun load =
            new LoadRun(
                loadOptions(stack.gatewayUri(), settings, dir),
                ProgressLine.to(snapshot -> errors.set(snapshot.errors())));
        AtomicBoolean loading = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread sampler =
            Thread.ofPlatform()
                .daemon()
                .name("llmscale-demo-sampler")
                .start(() -> sample(stack, samples, live, policy, start, loading, errors));
        RunSummary summary;
        try {
          summary = load.run();
        } finally {
          loading.set(false);
          sampler.join(2_000);
          live.end();
        }
        out.printf(
            "[%s] %d requests sent, %d ok, %d errors%n",
            policy, summary.sent(), summary.succeeded(), summary.errorCount());
        if (keep != null) {
          keep.add(stack);
          handedOver = true;
        }
      } finally {
        if (!handedOver) {
          stack.close();
        }
      }
    }
    return new PolicyRun(
        policy,
        RequestOutcome.read(dir.resolve("records.jsonl")),
        List.copyOf(samples),
        settings.sloTtft().toMillis() / 1000.0,
        5,
        settings.burstFromSeconds(),
        settings.burstToSeconds());
  }

  private static void sample(
      DemoStack stack,
      List<ReplicaSample> samples,
      LiveView live,
      String policy,
      long start,
      AtomicBoolean loading,
      AtomicLong errors) {
    while (loading.get()) {
      ReplicaSample sample = stack.sample((System.nanoTime() - start) / 1e9);
      samples.add(sample);
      live.update(policy, sample, stack.observedRate(), errors.get());
      try {
        Thread.sleep(SAMPLE_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * A few requests one at a time before the measured load, so the first ones of the run do not pay
   * for class loading and JIT compilation in a fresh process.
   */
  private static void warmUp(URI gateway, DemoSettings settings)
      throws IOException, InterruptedException {
    LoadOptions measured = loadOptions(gateway, settings, null);
    LoadPlan plan =
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(settings.inputTokens()),
                TokenDistribution.fixed(8),
                null,
                new SplittableRandom(settings.seed() + 1)),
            Optional.empty(),
            1,
            RunLimit.count(WARM_UP_REQUESTS),
            GRACE);
    new LoadRun(
            new LoadOptions(
                measured.endpoint(),
                plan,
                SloTargets.NONE,
                Optional.empty(),
                1,
                measured.tokenizerEncoding(),
                settings.seed() + 1,
                Map.of(),
                false),
            ProgressLine.off())
        .run();
  }

  private static LoadOptions loadOptions(URI gateway, DemoSettings settings, Path dir) {
    String model = Catalog.builtIn().model(settings.model()).name();
    Endpoint endpoint =
        new Endpoint(
            gateway,
            ApiKind.COMPLETIONS,
            true,
            Optional.empty(),
            model,
            true,
            Map.of(),
            new Endpoint.ClientTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(120), Optional.empty()));
    SplittableRandom random = new SplittableRandom(settings.seed());
    long end = settings.duration().toNanos();
    StepRate rate =
        new StepRate(
            List.of(
                new StepRate.Step(0, settings.baseRate()),
                new StepRate.Step(settings.burstFrom().toNanos(), settings.burstRate()),
                new StepRate.Step(
                    settings.burstFrom().plus(settings.burstLength()).toNanos(),
                    settings.baseRate())));
    LoadPlan plan =
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(settings.inputTokens()),
                TokenDistribution.fixed(settings.outputTokens()),
                null,
                random.split()),
            Optional.of(new PoissonRateArrivals(rate, random.split(), end)),
            0,
            RunLimit.duration(settings.duration()),
            GRACE);
    return new LoadOptions(
        endpoint,
        plan,
        new SloTargets(Optional.of(settings.sloTtft()), Optional.empty(), Optional.empty()),
        Optional.ofNullable(dir),
        1,
        "cl100k_base",
        settings.seed(),
        Map.of("demo", settings.describe()),
        false);
  }
}
