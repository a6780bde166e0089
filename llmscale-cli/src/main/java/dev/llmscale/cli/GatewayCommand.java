package dev.llmscale.cli;

import dev.llmscale.gateway.GatewayOptions;
import dev.llmscale.gateway.GatewayServer;
import dev.llmscale.gateway.UpstreamUris;
import dev.llmscale.gateway.UpstreamsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale gateway}: an OpenAI-compatible streaming gateway in front of engine replicas that
 * routes load- or prefix-aware and exports TTFT and ITL under Dynamo's metric names.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the OpenAI API in front of engine replicas (vLLM, SGLang, the llmscale emulator, any"
          + " OpenAI-compatible server): stream answers through chunk by chunk, route each request,"
          + " and export time to first token and inter-token latency at /metrics.",
      "Replicas come from --upstream and/or a watched --upstreams-file; one that disappears"
          + " drains (no new requests, running streams finish). Stops on SIGTERM or Ctrl-C after"
          + " draining its own in-flight requests."
    })
public final class GatewayCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to bind, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--upstream",
      paramLabel = "URL",
      description = "A replica's base URL, e.g. http://10.0.0.5:8000 (repeatable).")
  List<String> upstreams = List.of();

  @Option(
      names = "--upstreams-file",
      paramLabel = "FILE",
      description =
          "File with one replica URL per line (# comments), re-read when it changes, e.g. a"
              + " mounted ConfigMap.")
  Path upstreamsFile;

  @Option(
      names = "--upstreams-poll-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often --upstreams-file is checked (default: ${DEFAULT-VALUE}).")
  Duration upstreamsPollInterval;

  @Option(
      names = "--router",
      defaultValue = "least-load",
      description =
          "round-robin, least-load (engine queue, KV usage, in-flight) or prefix-aware (KV-cache"
              + " affinity bounded by load) (default: ${DEFAULT-VALUE}).")
  String router;

  @Option(
      names = "--metrics-prefix",
      defaultValue = "llmscale_frontend_",
      description =
          "Prefix of the frontend metric names; dynamo_frontend_ gives NVIDIA Dynamo's names"
              + " (default: ${DEFAULT-VALUE}).")
  String metricsPrefix;

  @Option(
      names = "--native-histograms",
      description = "Also keep Prometheus native histograms (served to protobuf scrapers).")
  boolean nativeHistograms;

  @Option(
      names = "--ttft-budget",
      converter = DurationConverter.class,
      description =
          "Admission control: answer 429 with Retry-After at once when a request cannot start"
              + " within this time to first token (default: off).")
  Duration ttftBudget;

  @Option(
      names = "--refusal-status",
      defaultValue = "429",
      description = "Status of refused requests, 429 or 503 (default: ${DEFAULT-VALUE}).")
  int refusalStatus;

  @Option(
      names = "--connect-timeout",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "TCP connect to a replica (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--first-byte-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Wait for a replica's response head to a streaming request before retrying elsewhere"
              + " (default: ${DEFAULT-VALUE}).")
  Duration firstByteTimeout;

  @Option(
      names = "--idle-timeout",
      defaultValue = "120s",
      converter = DurationConverter.class,
      description =
          "Longest silence of a replica within a response; then the stream ends with an error"
              + " event (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--max-attempts",
      defaultValue = "3",
      description =
          "Replicas tried per request when they fail before answering (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(
      names = "--health-interval",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Active health check of each replica's /health (default: ${DEFAULT-VALUE}).")
  Duration healthInterval;

  @Option(
      names = "--scrape-interval",
      defaultValue = "500ms",
      converter = DurationConverter.class,
      description =
          "Scrape of each replica's /metrics for its queue and KV usage (default:"
              + " ${DEFAULT-VALUE}).")
  Duration scrapeInterval;

  @Option(
      names = "--failure-threshold",
      defaultValue = "5",
      description =
          "Failed requests in a row that eject a replica for a while (default: ${DEFAULT-VALUE}).")
  int failureThreshold;

  @Option(
      names = "--ejection-time",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "First ejection's length, doubling with each ejection in a row (default:"
              + " ${DEFAULT-VALUE}).")
  Duration ejectionTime;

  @Option(
      names = "--drain-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long shutting down lets requests finish (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--io-threads", description = "Netty event loops (default: one per CPU core).")
  Integer ioThreads;

  @Override
  public Integer call() throws Exception {
    GatewayOptions options = options();
    PrintWriter out = spec.commandLine().getOut();
    GatewayServer gateway = GatewayServer.start(options);
    gateway.installShutdownHook();
    out.printf(
        Locale.ROOT,
        "llmscale gateway: listening on http://%s:%d/v1 (%s router, %s, metrics prefix %s%s)%n",
        host,
        gateway.port(),
        options.router(),
        describeUpstreams(),
        options.metricsPrefix(),
        ttftBudget == null ? "" : ", TTFT budget " + ttftBudget.toMillis() + " ms");
    out.flush();
    gateway.awaitTermination();
    return ExitCodes.OK;
  }

  private String describeUpstreams() {
    String list = upstreams.size() + (upstreams.size() == 1 ? " upstream" : " upstreams");
    return upstreamsFile == null ? list : list + " + " + upstreamsFile;
  }

  /** Validated options; bad input raises a one-line usage error. */
  GatewayOptions options() {
    if (upstreams.isEmpty() && upstreamsFile == null) {
      throw new UsageException(
          "give the replicas with --upstream URL (repeatable) or --upstreams-file FILE");
    }
    try {
      GatewayOptions.Builder builder =
          GatewayOptions.builder()
              .host(host)
              .port(port)
              .router(router)
              .metricsPrefix(metricsPrefix)
              .nativeHistograms(nativeHistograms)
              .ttftBudget(ttftBudget)
              .refusalStatus(refusalStatus)
              .connectTimeout(connectTimeout)
              .firstByteTimeout(firstByteTimeout)
              .idleTimeout(idleTimeout)
              .maxAttempts(maxAttempts)
              .healthInterval(healthInterval)
              .scrapeInterval(scrapeInterval)
              .failureThreshold(failureThreshold)
              .ejectionTime(ejectionTime)
              .maxEjectionTime(ejectionTime.multipliedBy(30))
              .drainTimeout(drainTimeout);
      for (String upstream : upstreams) {
        builder.upstream(UpstreamUris.parse(upstream));
      }
      if (upstreamsFile != null) {
        checkUpstreamsFile();
        builder.upstreamsFile(upstreamsFile, upstreamsPollInterval);
      }
      if (ioThreads != null) {
        builder.ioThreads(ioThreads);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private void checkUpstreamsFile() {
    try {
      UpstreamsFile.parse(Files.readString(upstreamsFile));
    } catch (IOException e) {
      throw new UsageException("cannot read --upstreams-file " + upstreamsFile + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--upstreams-file " + upstreamsFile + ", " + e.getMessage());
    }
  }
}
