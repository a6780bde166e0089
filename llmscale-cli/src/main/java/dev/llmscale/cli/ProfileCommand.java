package dev.llmscale.cli;

import dev.llmscale.core.perf.ProfileTable;
import dev.llmscale.loadgen.ApiKind;
import dev.llmscale.loadgen.Endpoint;
import dev.llmscale.loadgen.Profiler;
import dev.llmscale.loadgen.ServedModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale profile}: sweeps an engine (TTFT against input length at concurrency 1, ITL and
 * throughput against batch and context) and writes the profile the performance model loads.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure an OpenAI-compatible engine the way NVIDIA Dynamo's profiler does and write a"
          + " profile file for '--perf-model profile' (format: docs/calibration.md).",
      "Prefill: TTFT of single requests against input length (median of --repeats). Decode:"
          + " --batches streams started together per --contexts length; ITL is their mean token"
          + " gap while all of them decode. Run it against an engine nothing else is using, with"
          + " prefix caching off if you can (every prompt is unique anyway)."
    })
public final class ProfileCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      description = "Engine root, e.g. http://127.0.0.1:8001.")
  String url;

  @Option(
      names = "--output",
      required = true,
      description = "Profile file to write, e.g. qwen3-h100.profile.")
  Path output;

  @Option(
      names = "--endpoint",
      defaultValue = "completions",
      description = "completions (prompt lengths exact) or chat (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--api-key", description = "Sent as 'Authorization: Bearer <key>'.")
  String apiKey;

  @Option(names = "--model", description = "The 'model' field (default: the first /v1/models id).")
  String model;

  @Option(
      names = "--prefill-tokens",
      split = ",",
      defaultValue = "16,128,512,1024,2048,4096,8192",
      description = "Input lengths of the prefill sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> prefillTokens;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description = "Requests per prefill length; the median counts (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--contexts",
      split = ",",
      defaultValue = "512,2048,8192",
      description = "Context lengths of the decode sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> contexts;

  @Option(
      names = "--batches",
      split = ",",
      defaultValue = "1,2,4,8,16,32,64",
      description = "Concurrent streams of the decode sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(
      names = "--decode-tokens",
      defaultValue = "128",
      description = "Output tokens per decode stream (default: ${DEFAULT-VALUE}).")
  int decodeTokens;

  @Option(names = "--gpu", description = "GPU name for the profile header (free text).")
  String gpu;

  @Option(names = "--engine", description = "Engine and settings for the header (free text).")
  String engine;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Client timeout per request (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--connect-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Timeout to open a connection (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--tokenizer",
      defaultValue = "cl100k_base",
      description = "jtokkit encoding for prompts (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Override
  public Integer call() throws Exception {
    Endpoint target = endpoint();
    Profiler.Sweep sweep = sweep();
    if (model == null) {
      try {
        target = target.withModel(ServedModels.first(target));
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage() + " (or pass --model)", e);
      }
    }
    Map<String, String> header = new LinkedHashMap<>();
    header.put("model", target.model());
    if (gpu != null) {
      header.put("gpu", oneLine(gpu));
    }
    if (engine != null) {
      header.put("engine", oneLine(engine));
    }
    header.put("url", target.baseUri().toString());
    header.put("endpoint", target.api().cliName());
    header.put("profiled_by", "llmscale profile");
    header.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    header.put("decode_tokens", Integer.toString(decodeTokens));

    PrintWriter out = spec.commandLine().getOut();
    Profiler profiler = new Profiler(target, 1, tokenizer, System.nanoTime(), out);
    Profiler.Result result;
    try {
      result = profiler.run(sweep, header);
    } catch (Profiler.ProfilingException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    ProfileTable table = result.table();
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      table.writeTo(file);
    }
    out.printf(
        Locale.ROOT,
        "wrote %s: %d prefill and %d decode points, request overhead %s%n",
        output,
        table.prefill().size(),
        table.decode().size(),
        table
            .requestOverheadMs()
            .map(ms -> String.format(Locale.ROOT, "%.2f ms", ms))
            .orElse("estimated by the model"));
    out.printf("%-8s %-14s %10s %14s%n", "batch", "context tokens", "ITL ms", "tokens/s");
    for (Profiler.DecodePoint p : result.decode()) {
      out.printf(
          Locale.ROOT,
          "%-8d %-14d %10s %14s%n",
          p.batch(),
          p.contextTokens(),
          p.problem() == null ? String.format(Locale.ROOT, "%.3f", p.itlMs()) : "skipped",
          p.problem() == null ? String.format(Locale.ROOT, "%,.0f", p.tokensPerSecond()) : "-");
    }
    out.printf("use it: llmscale emulator --perf-model profile --profile %s%n", output);
    out.flush();
    return ExitCodes.OK;
  }

  Endpoint endpoint() {
    try {
      return new Endpoint(
          URI.create(url.strip()),
          ApiKind.named(endpoint),
          true,
          Optional.ofNullable(apiKey),
          model == null ? "" : model,
          true,
          Map.of(),
          new Endpoint.ClientTimeouts(connectTimeout, timeout, Optional.empty()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  Profiler.Sweep sweep() {
    try {
      return new Profiler.Sweep(prefillTokens, repeats, contexts, batches, decodeTokens);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
