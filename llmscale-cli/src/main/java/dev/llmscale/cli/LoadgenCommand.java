package dev.llmscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.ConstantRateArrivals;
import dev.llmscale.core.workload.PoissonArrivals;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SharedPrefixPool;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceFormat;
import dev.llmscale.core.workload.TraceFormatException;
import dev.llmscale.core.workload.Workload;
import dev.llmscale.loadgen.ApiKind;
import dev.llmscale.loadgen.Endpoint;
import dev.llmscale.loadgen.LoadOptions;
import dev.llmscale.loadgen.LoadPlan;
import dev.llmscale.loadgen.LoadRun;
import dev.llmscale.loadgen.ProgressLine;
import dev.llmscale.loadgen.RunSummary;
import dev.llmscale.loadgen.ServedModels;
import dev.llmscale.loadgen.SummaryTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale loadgen}: drives an OpenAI-compatible endpoint with a synthetic or replayed
 * workload and reports latency and throughput as aiperf defines them.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Send a bounded load to an OpenAI-compatible endpoint and measure it as aiperf does: TTFT,"
          + " inter-token and inter-chunk latency, request latency, throughput, goodput, errors by"
          + " kind.",
      "Workload: synthetic prompts (--isl/--osl, optional shared system prompts) or a trace"
          + " (--trace: Azure CSV or Mooncake JSONL). Arrivals: --rate (constant or Poisson),"
          + " --concurrency, or the trace's timestamps. Every run stops at --count or --duration"
          + " (a trace also at its end).",
      "Progress goes to stderr, the summary table to stdout; --artifact-dir adds records.jsonl,"
          + " summary.json, summary.csv and timeline.png."
    })
public final class LoadgenCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      description = "Server root, e.g. http://127.0.0.1:8001 (a trailing /v1 is fine).")
  String url;

  @Option(
      names = "--endpoint",
      defaultValue = "chat",
      description = "chat or completions (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--streaming", description = "Stream responses (SSE); needed for TTFT and ITL.")
  boolean streaming;

  @Option(names = "--api-key", description = "Sent as 'Authorization: Bearer <key>'.")
  String apiKey;

  @Option(names = "--model", description = "The 'model' field (default: the first /v1/models id).")
  String model;

  @Option(names = "--isl", description = "Synthetic input tokens per request, mean (default: 550).")
  Integer isl;

  @Option(
      names = "--isl-stddev",
      defaultValue = "0",
      description = "Standard deviation of the input tokens (default: ${DEFAULT-VALUE}).")
  double islStddev;

  @Option(
      names = "--osl",
      description = "Output tokens (max_tokens) per request, mean (default: 150).")
  Integer osl;

  @Option(
      names = "--osl-stddev",
      defaultValue = "0",
      description = "Standard deviation of the output tokens (default: ${DEFAULT-VALUE}).")
  double oslStddev;

  @Option(
      names = "--prefix-prompts",
      description = "Shared system prompts in the pool; each request starts with one of them.")
  Integer prefixPrompts;

  @Option(
      names = "--prefix-tokens",
      description = "Length of each shared system prompt, added on top of --isl.")
  Integer prefixTokens;

  @Option(names = "--trace", description = "Replay a trace file instead of synthetic prompts.")
  Path trace;

  @Option(
      names = "--trace-format",
      description = "azure or mooncake (default: from the file name, .csv or .jsonl).")
  String traceFormat;

  @Option(
      names = "--time-scale",
      defaultValue = "1",
      description =
          "Multiply the trace's arrival times by this; 0.5 replays twice as fast"
              + " (default: ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--rate", description = "Requests per second (open loop).")
  Double rate;

  @Option(
      names = "--arrival",
      defaultValue = "constant",
      description = "With --rate: constant or poisson (default: ${DEFAULT-VALUE}).")
  String arrival;

  @Option(
      names = "--concurrency",
      description =
          "Requests kept in flight (closed loop, over a trace's requests too, ignoring its"
              + " times); with --rate, the most in flight.")
  Integer concurrency;

  @Option(names = "--count", description = "Stop sending after this many requests.")
  Long count;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "Stop sending after this long (e.g. 60s, 5m).")
  Duration duration;

  @Option(
      names = "--grace-period",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "After --duration, how long requests in flight may finish before they are cancelled"
              + " (default: ${DEFAULT-VALUE}).")
  Duration gracePeriod;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Client timeout per request (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--ttft-timeout",
      converter = DurationConverter.class,
      description = "Client timeout for the first token (default: only --timeout).")
  Duration ttftTimeout;

  @Option(
      names = "--connect-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Timeout to open a connection (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--slo-ttft",
      converter = DurationConverter.class,
      description = "Goodput target: most TTFT (needs --streaming).")
  Duration sloTtft;

  @Option(
      names = "--slo-itl",
      converter = DurationConverter.class,
      description = "Goodput target: most inter-token latency (needs --streaming).")
  Duration sloItl;

  @Option(
      names = "--slo-latency",
      converter = DurationConverter.class,
      description = "Goodput target: most request latency.")
  Duration sloLatency;

  @Option(
      names = "--ignore-eos",
      description = "Send vLLM's ignore_eos so every output reaches max_tokens.")
  boolean ignoreEos;

  @Option(
      names = "--extra-body",
      description = "JSON object merged into every request body, e.g. '{\"temperature\":0}'.")
  String extraBody;

  @Option(
      names = "--artifact-dir",
      description = "Write records.jsonl, summary.json, summary.csv and timeline.png here.")
  Path artifactDir;

  @Option(
      names = "--warmup-count",
      defaultValue = "0",
      description =
          "Requests sent before the measured run, not counted: they warm up the client's and"
              + " the server's code paths (default: ${DEFAULT-VALUE}).")
  int warmupCount;

  @Option(
      names = "--server-metrics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Read the server's /metrics (vLLM names) before and after and show its own TTFT, ITL"
              + " and token counts beside the client's (default: on; --no-server-metrics).")
  boolean serverMetrics;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed for lengths and arrivals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--io-threads",
      defaultValue = "2",
      description =
          "Client event loops; two keep a burst on one from delaying the other's reads"
              + " (default: ${DEFAULT-VALUE}).")
  int ioThreads;

  @Option(
      names = "--tokenizer",
      defaultValue = "cl100k_base",
      description = "jtokkit encoding for prompts (default: ${DEFAULT-VALUE}, as the emulator).")
  String tokenizer;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description =
          "auto (in place on a terminal, a line every 5 s otherwise), tty, lines or off"
              + " (default: ${DEFAULT-VALUE}).")
  String progress;

  @Override
  public Integer call() throws Exception {
    LoadOptions options = options();
    ProgressLine progressLine = progressLine();
    if (model == null) {
      String discovered;
      try {
        discovered = ServedModels.first(options.endpoint());
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage() + " (or pass --model)", e);
      }
      options =
          new LoadOptions(
              options.endpoint().withModel(discovered),
              options.plan(),
              options.slo(),
              options.artifactDir(),
              options.ioThreads(),
              options.tokenizerEncoding(),
              options.contentSalt(),
              withSetting(options.settings(), "model", discovered),
              options.compareServerMetrics());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (warmupCount > 0) {
      warmUp(options, out);
    }
    LoadRun run = new LoadRun(options, progressLine);
    CountDownLatch reported = new CountDownLatch(1);
    Thread abort =
        new Thread(
            () -> {
              run.abort();
              try {
                reported.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "llmscale-loadgen-abort");
    Runtime.getRuntime().addShutdownHook(abort);
    try {
      RunSummary summary = run.run();
      out.print(SummaryTable.format(summary, run.title()));
      options
          .artifactDir()
          .ifPresent(
              dir ->
                  out.printf(
                      "artifacts: %s (records.jsonl, summary.json, summary.csv, timeline.png)%n",
                      dir));
      out.flush();
      if (summary.sent() > 0 && summary.succeeded() == 0) {
        spec.commandLine().getErr().println("llmscale loadgen: no request succeeded");
        return ExitCodes.FAILURE;
      }
      return ExitCodes.OK;
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is waiting for the countDown above
      }
    }
  }

  /**
   * Sends {@code --warmup-count} requests of the same workload (a fresh copy of it, at most 8 in
   * flight) and reports them in one line; nothing of them enters the measured run.
   */
  private void warmUp(LoadOptions measured, PrintWriter out) throws Exception {
    LoadPlan plan = plan(new LinkedHashMap<>());
    LoadOptions warmup =
        new LoadOptions(
            measured.endpoint(),
            new LoadPlan(
                plan.workload(),
                Optional.empty(),
                Math.min(warmupCount, 8),
                RunLimit.count(warmupCount),
                Duration.ZERO),
            SloTargets.NONE,
            Optional.empty(),
            measured.ioThreads(),
            measured.tokenizerEncoding(),
            measured.contentSalt() + 1,
            Map.of(),
            false);
    RunSummary summary = new LoadRun(warmup, ProgressLine.off()).run();
    out.printf(
        Locale.ROOT,
        "warm-up: %d requests, %d ok, %d errors%n",
        summary.sent(),
        summary.succeeded(),
        summary.errorCount());
    out.flush();
  }

  /** Validates the flags into options; bad input raises a one-line usage error. */
  LoadOptions options() {
    try {
      ApiKind api = ApiKind.named(endpoint);
      Endpoint target =
          new Endpoint(
              URI.create(url.strip()),
              api,
              streaming,
              Optional.ofNullable(apiKey),
              model == null ? "" : model,
              ignoreEos,
              extraBody(),
              new Endpoint.ClientTimeouts(
                  connectTimeout, timeout, Optional.ofNullable(ttftTimeout)));
      SloTargets slo =
          new SloTargets(
              Optional.ofNullable(sloTtft),
              Optional.ofNullable(sloItl),
              Optional.ofNullable(sloLatency));
      if ((sloTtft != null || sloItl != null) && !streaming) {
        throw new UsageException("--slo-ttft and --slo-itl need --streaming (TTFT needs a stream)");
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("url", target.baseUri().toString());
      settings.put("endpoint", api.cliName());
      settings.put("streaming", streaming);
      settings.put("model", model);
      LoadPlan plan = plan(settings);
      if (!slo.isEmpty()) {
        settings.put("slo", describe(slo));
      }
      settings.put("seed", seed);
      settings.put("warmup_count", warmupCount);
      return new LoadOptions(
          target,
          plan,
          slo,
          Optional.ofNullable(artifactDir),
          ioThreads,
          tokenizer,
          System.nanoTime() ^ seed,
          settings,
          serverMetrics);
    } catch (IllegalArgumentException | TraceFormatException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private LoadPlan plan(Map<String, Object> settings) {
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom arrivalRandom = random.split();
    Workload workload;
    Optional<ArrivalProcess> arrivals;
    OptionalLong limitCount = count == null ? OptionalLong.empty() : OptionalLong.of(count);
    if (count != null && count <= 0) {
      throw new UsageException("--count must be > 0");
    }
    if (trace != null) {
      if (isl != null || osl != null || prefixPrompts != null || prefixTokens != null) {
        throw new UsageException(
            "--trace replays the trace's lengths; drop --isl/--osl/--prefix-*");
      }
      TraceFormat format =
          traceFormat != null
              ? TraceFormat.named(traceFormat)
              : TraceFormat.ofFileName(trace.getFileName().toString())
                  .orElseThrow(
                      () ->
                          new UsageException(
                              "cannot tell the format of " + trace + "; say --trace-format"));
      Trace replay = Trace.load(trace, format);
      workload = replay.workload();
      arrivals =
          rate != null
              ? Optional.of(rateArrivals(arrivalRandom))
              : concurrency != null ? Optional.empty() : Optional.of(replay.arrivals(timeScale));
      if (limitCount.isEmpty() && duration == null) {
        limitCount = OptionalLong.of(replay.records().size()); // the trace bounds the run
      }
      settings.put("trace", trace.toString());
      settings.put("trace_format", format.cliName());
      settings.put("trace_requests", replay.records().size());
      settings.put("time_scale", timeScale);
    } else {
      int inputMean = isl == null ? 550 : isl;
      int outputMean = osl == null ? 150 : osl;
      if (inputMean <= 0 || outputMean <= 0) {
        throw new UsageException("--isl and --osl must be > 0");
      }
      if ((prefixPrompts == null) != (prefixTokens == null)) {
        throw new UsageException("--prefix-prompts and --prefix-tokens go together");
      }
      SharedPrefixPool pool =
          prefixPrompts == null ? null : new SharedPrefixPool(prefixPrompts, prefixTokens);
      workload =
          new SyntheticWorkload(
              TokenDistribution.normal(inputMean, islStddev),
              TokenDistribution.normal(outputMean, oslStddev),
              pool,
              random);
      if (rate == null && concurrency == null) {
        throw new UsageException("say how requests arrive: --rate or --concurrency");
      }
      arrivals = rate != null ? Optional.of(rateArrivals(arrivalRandom)) : Optional.empty();
      settings.put("isl", inputMean);
      settings.put("isl_stddev", islStddev);
      settings.put("osl", outputMean);
      settings.put("osl_stddev", oslStddev);
      if (pool != null) {
        settings.put("prefix_prompts", pool.prompts());
        settings.put("prefix_tokens", pool.tokens());
      }
    }
    if (limitCount.isEmpty() && duration == null) {
      throw new UsageException("every run is bounded: say --count or --duration");
    }
    if (concurrency != null && concurrency <= 0) {
      throw new UsageException("--concurrency must be > 0");
    }
    if (warmupCount < 0) {
      throw new UsageException("--warmup-count must be >= 0");
    }
    settings.put("rate", rate);
    settings.put(
        "arrival",
        rate != null ? arrival : trace != null && concurrency == null ? "trace" : "closed-loop");
    settings.put("concurrency", concurrency);
    settings.put("count", count);
    settings.put("duration", duration == null ? null : duration.toString());
    return new LoadPlan(
        workload,
        arrivals,
        concurrency == null ? 0 : concurrency,
        RunLimit.of(limitCount, Optional.ofNullable(duration)),
        gracePeriod);
  }

  private ArrivalProcess rateArrivals(SplittableRandom random) {
    return switch (arrival.strip().toLowerCase(Locale.ROOT)) {
      case "constant" -> new ConstantRateArrivals(rate);
      case "poisson" -> new PoissonArrivals(rate, random);
      default ->
          throw new UsageException("unknown --arrival '" + arrival + "'; known: constant, poisson");
    };
  }

  private Map<String, Object> extraBody() {
    if (extraBody == null) {
      return Map.of();
    }
    try {
      Object value = new ObjectMapper().readValue(extraBody, Object.class);
      if (!(value instanceof Map<?, ?>)) {
        throw new UsageException("--extra-body must be a JSON object, got: " + extraBody);
      }
      return new ObjectMapper().readValue(extraBody, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new UsageException("--extra-body is not JSON: " + e.getOriginalMessage());
    }
  }

  private ProgressLine progressLine() {
    PrintWriter err = spec.commandLine().getErr();
    return switch (progress.strip().toLowerCase(Locale.ROOT)) {
      case "off" -> ProgressLine.off();
      case "tty" -> ProgressLine.on(err, true);
      case "lines" -> ProgressLine.on(err, false);
      case "auto" -> ProgressLine.on(err, interactive());
      default ->
          throw new UsageException(
              "unknown --progress '" + progress + "'; known: auto, tty, lines, off");
    };
  }

  /**
   * Whether the terminal is interactive. Java cannot ask about stderr alone; a console on stdin and
   * stdout is the usual sign (Java 22+ also says whether it is a real terminal).
   */
  private static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJava22) {
      return true;
    }
  }

  private static String describe(SloTargets slo) {
    StringBuilder text = new StringBuilder();
    slo.ttft().ifPresent(d -> text.append("TTFT <= ").append(millis(d)));
    slo.itl()
        .ifPresent(
            d -> text.append(text.isEmpty() ? "" : ", ").append("ITL <= ").append(millis(d)));
    slo.requestLatency()
        .ifPresent(
            d -> text.append(text.isEmpty() ? "" : ", ").append("latency <= ").append(millis(d)));
    return text.toString();
  }

  private static String millis(Duration d) {
    return String.format(
        Locale.ROOT, "%s ms", d.toNanos() % 1_000_000 == 0 ? d.toMillis() : d.toNanos() / 1e6);
  }

  private static Map<String, Object> withSetting(
      Map<String, Object> settings, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(settings);
    copy.put(key, value);
    return copy;
  }
}
