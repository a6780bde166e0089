package dev.llmscale.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One load run: sends the plan's requests with an {@link OpenAiClient}, collects their records on
 * the calling thread (statistics, {@code records.jsonl}, the progress line), and at the end writes
 * {@code summary.json}, {@code summary.csv} and {@code timeline.png}.
 *
 * <pre>{@code
 * RunSummary summary = new LoadRun(options, ProgressLine.off()).run();
 * }</pre>
 */
public final class LoadRun {
  private static final long COLLECT_NANOS = 50_000_000L;

  private final LoadOptions options;
  private final ProgressLine progress;
  private final ObjectMapper mapper = new ObjectMapper();
  private volatile Dispatcher dispatcher;
  private volatile boolean aborted;

  public LoadRun(LoadOptions options, ProgressLine progress) {
    this.options = options;
    this.progress = progress;
  }

  /** Runs to the end of the plan; blocks. */
  public RunSummary run() throws IOException, InterruptedException {
    PromptRenderer renderer =
        PromptRenderer.create(options.tokenizerEncoding(), options.contentSalt());
    Optional<Path> dir = options.artifactDir();
    if (dir.isPresent()) {
      Files.createDirectories(dir.get());
    }
    ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    try (OpenAiClient client =
        new OpenAiClient(options.endpoint(), options.ioThreads(), renderer::countTokens)) {
      RequestBodyWriter bodies = new RequestBodyWriter(mapper, options.endpoint(), renderer);
      bodies.body(renderer.filler(-1, 8), 1); // load and warm the JSON writer before time 0
      client.warmUp();
      warmUpCollector();
      Dispatcher sender = new Dispatcher(client, options.plan(), bodies, records::add);
      dispatcher = sender;
      Optional<ServerMetrics> serverBefore =
          options.compareServerMetrics()
              ? ServerMetrics.scrape(options.endpoint())
              : Optional.empty();
      Instant startedAt = Instant.now();
      long cpuBefore = processCpuNanos();
      LoopLagProbe loopLag = new LoopLagProbe(client.loops());
      loopLag.start();
      long start = System.nanoTime();
      RunMetrics metrics = new RunMetrics(options.slo(), start);
      long total = options.plan().limit().requests().orElse(0);
      try (RecordWriter writer =
          dir.isPresent()
              ? new RecordWriter(dir.get().resolve("records.jsonl"), start, options.slo())
              : null) {
        sender.start(start);
        if (aborted) {
          sender.abort();
        }
        boolean done = false;
        while (!done) {
          done = sender.awaitFinished(COLLECT_NANOS, TimeUnit.NANOSECONDS);
          drain(records, metrics, writer);
          long now = System.nanoTime();
          if (progress.due(now) || done) {
            progress.update(
                now,
                new ProgressLine.Snapshot(
                    (now - start) / 1e9,
                    metrics.records(),
                    total,
                    sender.inFlight(),
                    metrics.errorCount(),
                    metrics.recentTtftP99Ms(now)),
                done);
          }
        }
        progress.end();
        if (writer != null) {
          writer.flush();
        }
      }
      RunSummary measured =
          metrics.summary(
              startedAt,
              sender.sent(),
              sender.unsent(),
              loopLag.stop(),
              (processCpuNanos() - cpuBefore) / 1e9,
              client.connectionsOpened(),
              options.settings());
      RunSummary summary =
          serverBefore.isEmpty() ? measured : measured.withServer(serverSince(serverBefore.get()));
      if (dir.isPresent()) {
        SummaryFiles.writeJson(summary, dir.get().resolve("summary.json"), mapper);
        SummaryFiles.writeCsv(summary, dir.get().resolve("summary.csv"));
        TimelineChart.write(metrics.timeline(), dir.get().resolve("timeline.png"), title());
      }
      return summary;
    }
  }

  /**
   * The server's view of the run. Engines publish counters at step boundaries, so wait a moment for
   * the last requests to show.
   */
  private Optional<ServerMetrics.ServerSide> serverSince(ServerMetrics before)
      throws InterruptedException {
    Thread.sleep(200);
    return ServerMetrics.scrape(options.endpoint()).flatMap(after -> after.since(before));
  }

  /** Stops sending and cancels requests in flight; {@link #run()} then returns. Any thread. */
  public void abort() {
    aborted = true;
    Dispatcher current = dispatcher;
    if (current != null) {
      current.abort();
    }
  }

  /** The first line of the summary table. */
  public String title() {
    Endpoint e = options.endpoint();
    return String.format(
        Locale.ROOT,
        "llmscale loadgen: %s %s%s (%s)",
        e.baseUri(),
        e.api().cliName(),
        e.streaming() ? ", streaming" : "",
        e.model());
  }

  /**
   * Loads the code that handles responses and records (SSE splitting, JSON parsing, metrics, the
   * JSONL writer) with a made-up request, so that loading it does not stall the first real ones.
   */
  private static void warmUpCollector() throws IOException {
    byte[] chunk =
        ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" a\"},"
                + "\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ResponseParser parser = new ResponseParser();
    ResponseParser.Part part = new ResponseParser.Part();
    new SseLineReader()
        .feed(
            chunk,
            (payload, offset, length) -> {
              try {
                parser.parse(payload, offset, length, part);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    long now = System.nanoTime();
    RequestRecord record =
        new RequestRecord(
            0,
            now,
            1,
            1,
            2,
            -1,
            200,
            null,
            null,
            "length",
            new dev.llmscale.core.workload.RequestTimeline(
                true, now, new long[] {now + 1, now + 2}, now + 3, 2));
    RunMetrics metrics = new RunMetrics(dev.llmscale.core.workload.SloTargets.NONE, now);
    metrics.add(record);
    metrics.recentTtftP99Ms(now);
    try (RecordWriter writer =
        new RecordWriter(
            java.io.OutputStream.nullOutputStream(),
            now,
            dev.llmscale.core.workload.SloTargets.NONE)) {
      writer.write(record);
    }
  }

  private static void drain(
      ConcurrentLinkedQueue<RequestRecord> records, RunMetrics metrics, RecordWriter writer)
      throws IOException {
    RequestRecord record;
    while ((record = records.poll()) != null) {
      metrics.add(record);
      if (writer != null) {
        writer.write(record);
      }
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
