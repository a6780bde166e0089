package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.engine.EngineCounters;
import dev.llmscale.core.workload.ConstantRateArrivals;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SharedPrefixPool;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceFormat;
import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.emulator.LatencySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short load run against an in-process emulator: what the load generator measures agrees with
 * what the emulator itself recorded (token counts exactly; TTFT and ITL within the client's own
 * overhead). The emulator runs at a quarter of the model's speed so that the few milliseconds of
 * transport and scheduling noise on a shared 2-core machine (client and server in one JVM) stay
 * small next to the latencies compared.
 */
class EmulatorLoadIT {
  private static final double SPEED_UP = 0.25;
  private static EmulatorServer server;

  @BeforeAll
  static void startEmulator() throws Exception {
    server =
        TestEmulators.start(
            "qwen3-0.6b", "h100", TestEmulators.roofline("qwen3-0.6b", "h100"), SPEED_UP);
  }

  @AfterAll
  static void stopEmulator() {
    server.close();
  }

  @Test
  void streamingCompletionsAgreeWithTheEmulatorsOwnMetrics(@TempDir Path dir) throws Exception {
    // Warm both JITs up first, as any benchmark should.
    new LoadRun(options(40, 40, 3000, 20, Optional.empty()), ProgressLine.off()).run();
    String before = TestEmulators.metrics(server);
    EngineCounters countersBefore = server.engineCounters();
    LatencySummary lagBefore = server.tokenEmitLag();
    int count = 40;

    RunSummary summary =
        new LoadRun(options(count, 16, 3000, 100, Optional.of(dir)), ProgressLine.off()).run();

    Thread.sleep(200); // the engine publishes its counters at step boundaries
    String after = TestEmulators.metrics(server);
    EngineCounters counters = server.engineCounters();
    LatencySummary lag = server.tokenEmitLag();
    assertThat(summary.succeeded()).isEqualTo(count);
    assertThat(summary.errors()).isEmpty();
    // Token counts are exact: completions prompts are exactly the requested length.
    assertThat(summary.totalInputTokens()).isEqualTo(count * 3000L);
    assertThat(summary.totalServerPromptTokens()).isEqualTo(count * 3000L);
    assertThat(counters.promptTokens() - countersBefore.promptTokens()).isEqualTo(count * 3000L);
    assertThat(summary.totalOutputTokens()).isEqualTo(count * 100L);
    assertThat(counters.generationTokens() - countersBefore.generationTokens())
        .isEqualTo(count * 100L);
    assertThat(summary.outputTokens().mean()).isEqualTo(100.0);
    assertThat(summary.interChunk().count()).isEqualTo(count * 99L);

    double serverTtftMs =
        1e3
            * delta(before, after, "vllm:time_to_first_token_seconds_sum")
            / delta(before, after, "vllm:time_to_first_token_seconds_count");
    double serverItlMs =
        1e3
            * delta(before, after, "vllm:inter_token_latency_seconds_sum")
            / delta(before, after, "vllm:inter_token_latency_seconds_count");
    double emitLagMs =
        1e3 * (lag.sumSeconds() - lagBefore.sumSeconds()) / (lag.count() - lagBefore.count());
    System.out.println(SummaryTable.format(summary, "EmulatorLoadIT"));
    System.out.printf(
        "emulator: TTFT mean %.3f ms, ITL mean %.3f ms, emit lag mean %.3f ms%n",
        serverTtftMs, serverItlMs, emitLagMs);
    assertThat(delta(before, after, "vllm:time_to_first_token_seconds_count")).isEqualTo(count);
    // Per request the client's TTFT is the emulator's plus transport both ways, the emulator's emit
    // lag and the client's own reading: never less, a few ms more.
    assertThat(summary.ttft().mean()).isGreaterThan(serverTtftMs);
    assertThat(summary.ttft().p50()).isBetween(0.9 * serverTtftMs, 1.15 * serverTtftMs + 5);
    assertThat(summary.itl().mean()).isCloseTo(serverItlMs, within(0.1 * serverItlMs));
    assertThat(summary.good()).isEqualTo(count);
    // The run's own reading of the server's /metrics says the same.
    ServerMetrics.ServerSide server = summary.server().orElseThrow();
    assertThat(server.family()).isEqualTo("vllm:");
    assertThat(server.requests()).isEqualTo(count);
    assertThat(server.generationTokens()).isEqualTo(count * 100L);
    assertThat(server.promptTokens()).isEqualTo(count * 3000L);
    assertThat(server.ttftMeanMs()).isCloseTo(serverTtftMs, within(1e-6));
    assertThat(server.emitLagMeanMs()).isCloseTo(emitLagMs, within(1e-6));
    assertThat(summary.goodput()).isCloseTo(summary.requestThroughput(), within(1e-9));

    List<String> lines = Files.readAllLines(dir.resolve("records.jsonl"));
    assertThat(lines).hasSize(count);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("ok").asBoolean()).isTrue();
    assertThat(first.get("output_tokens").asInt()).isEqualTo(100);
    assertThat(first.get("inter_chunk_ms")).hasSize(99);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(json.at("/requests/succeeded").asLong()).isEqualTo(count);
    assertThat(json.at("/metrics/time_to_first_token/p99").asDouble())
        .isEqualTo(summary.ttft().p99());
    assertThat(Files.readString(dir.resolve("summary.csv"))).contains("time_to_first_token,ms,40,");
    byte[] png = Files.readAllBytes(dir.resolve("timeline.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void replaysATraceOnItsScaledTimestamps(@TempDir Path dir) throws Exception {
    String csv =
        """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:15:46.6805900,374,44
        2023-11-16 18:15:50.9951690,396,19
        2023-11-16 18:15:51.2224670,879,55
        2023-11-16 18:15:51.3910170,91,16
        2023-11-16 18:15:52.5732450,91,16
        2023-11-16 18:15:52.9921190,381,84
        """;
    Trace trace = Trace.parse(csv, TraceFormat.AZURE_CSV, "excerpt.csv");
    EngineCounters before = server.engineCounters();

    RunSummary summary =
        new LoadRun(
                plan(
                    new LoadPlan(
                        trace.workload(),
                        Optional.of(trace.arrivals(0.1)),
                        0,
                        RunLimit.count(trace.records().size()),
                        Duration.ZERO),
                    dir),
                ProgressLine.off())
            .run();

    Thread.sleep(200);
    EngineCounters after = server.engineCounters();
    assertThat(summary.succeeded()).isEqualTo(6);
    assertThat(summary.totalInputTokens()).isEqualTo(374 + 396 + 879 + 91 + 91 + 381);
    assertThat(after.promptTokens() - before.promptTokens()).isEqualTo(summary.totalInputTokens());
    assertThat(summary.totalOutputTokens()).isEqualTo(44 + 19 + 55 + 16 + 16 + 84);
    List<Double> scheduled = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("records.jsonl"))) {
      scheduled.add(new ObjectMapper().readTree(line).get("scheduled_s").asDouble());
    }
    scheduled.sort(Double::compare);
    assertThat(scheduled).containsExactly(0.0, 0.431458, 0.454188, 0.471043, 0.589266, 0.631153);
  }

  @Test
  void sharedPrefixesHitTheEmulatorsPrefixCache() throws Exception {
    String jsonl =
        """
        {"timestamp": 0, "input_length": 1100, "output_length": 4, "hash_ids": [7, 8, 9]}
        {"timestamp": 50, "input_length": 700, "output_length": 4, "hash_ids": [7, 10]}
        {"timestamp": 100, "input_length": 1500, "output_length": 4, "hash_ids": [7, 8, 11]}
        """;
    Trace trace = Trace.parse(jsonl, TraceFormat.MOONCAKE_JSONL, "excerpt.jsonl");
    EngineCounters before = server.engineCounters();

    RunSummary mooncake =
        new LoadRun(
                plan(
                    new LoadPlan(
                        trace.workload(),
                        Optional.of(trace.arrivals(1)),
                        0,
                        RunLimit.count(3),
                        Duration.ZERO),
                    Optional.empty()),
                ProgressLine.off())
            .run();
    Thread.sleep(200);
    EngineCounters middle = server.engineCounters();
    RunSummary pool =
        new LoadRun(
                plan(
                    new LoadPlan(
                        new SyntheticWorkload(
                            TokenDistribution.fixed(32),
                            TokenDistribution.fixed(4),
                            new SharedPrefixPool(2, 1024),
                            new SplittableRandom(3)),
                        Optional.empty(),
                        1,
                        RunLimit.count(12),
                        Duration.ZERO),
                    Optional.empty()),
                ProgressLine.off())
            .run();
    Thread.sleep(200);
    EngineCounters after = server.engineCounters();

    assertThat(mooncake.succeeded()).isEqualTo(3);
    // Request 2 reuses block 7 (512 tokens), request 3 blocks 7 and 8 (1024 tokens).
    assertThat(middle.prefixCacheHits() - before.prefixCacheHits()).isEqualTo(512 + 1024);
    assertThat(pool.succeeded()).isEqualTo(12);
    // Each of the two system prompts is computed once; the other 10 requests hit it in full.
    assertThat(after.prefixCacheHits() - middle.prefixCacheHits()).isEqualTo(10 * 1024);
  }

  @Test
  void nonStreamingChatHasLatencyButNoTtft() throws Exception {
    Endpoint chat =
        TestEmulators.endpoint(server.baseUri(), ApiKind.CHAT, false, "Qwen/Qwen3-0.6B");
    RunSummary summary =
        new LoadRun(
                new LoadOptions(
                    chat,
                    new LoadPlan(
                        new SyntheticWorkload(
                            TokenDistribution.fixed(200),
                            TokenDistribution.fixed(20),
                            null,
                            new SplittableRandom(5)),
                        Optional.empty(),
                        2,
                        RunLimit.count(6),
                        Duration.ZERO),
                    SloTargets.NONE,
                    Optional.empty(),
                    1,
                    "cl100k_base",
                    System.nanoTime(),
                    Map.of(),
                    true),
                ProgressLine.off())
            .run();

    assertThat(summary.succeeded()).isEqualTo(6);
    assertThat(summary.ttft().count()).isZero();
    assertThat(summary.itl().count()).isZero();
    assertThat(summary.requestLatency().count()).isEqualTo(6);
    assertThat(summary.totalOutputTokens()).isEqualTo(6 * 20);
    // 200 prompt tokens plus the chat template's 8, as the server counted them
    assertThat(summary.totalServerPromptTokens()).isEqualTo(6 * 208);
    assertThat(summary.server().orElseThrow().requestLatencyMeanMs())
        .isLessThanOrEqualTo(summary.requestLatency().mean());
  }

  private static LoadOptions plan(LoadPlan plan, Path dir) {
    return plan(plan, Optional.of(dir));
  }

  private static LoadOptions plan(LoadPlan plan, Optional<Path> dir) {
    return new LoadOptions(
        TestEmulators.endpoint(server.baseUri(), ApiKind.COMPLETIONS, true, "Qwen/Qwen3-0.6B"),
        plan,
        SloTargets.NONE,
        dir,
        1,
        "cl100k_base",
        System.nanoTime(),
        Map.of(),
        false);
  }

  private static LoadOptions options(int count, double rate, int isl, int osl, Optional<Path> dir) {
    return new LoadOptions(
        TestEmulators.endpoint(server.baseUri(), ApiKind.COMPLETIONS, true, "Qwen/Qwen3-0.6B"),
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(isl),
                TokenDistribution.fixed(osl),
                null,
                new SplittableRandom(1)),
            Optional.of(new ConstantRateArrivals(rate)),
            0,
            RunLimit.count(count),
            Duration.ofSeconds(10)),
        new SloTargets(
            Optional.of(Duration.ofMillis(300)),
            Optional.of(Duration.ofMillis(50)),
            Optional.empty()),
        dir,
        1,
        "cl100k_base",
        System.nanoTime(),
        Map.of("slo", "TTFT <= 300 ms, ITL <= 50 ms"),
        true);
  }

  private static double delta(String before, String after, String name) {
    return TestEmulators.sample(after, name) - TestEmulators.sample(before, name);
  }
}
