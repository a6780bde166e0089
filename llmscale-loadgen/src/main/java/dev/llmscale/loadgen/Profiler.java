package dev.llmscale.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.perf.ProfileTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sweeps an OpenAI-compatible engine the way NVIDIA Dynamo's profiler does and produces the
 * measured {@link ProfileTable} that {@code ProfiledPerformanceModel} loads:
 *
 * <ul>
 *   <li><b>Prefill</b>: TTFT against input length at concurrency 1. For each length, {@code
 *       repeats} single streaming requests with {@code max_tokens = 1}, one after the other, each
 *       with a prompt no other request shares (no prefix-cache hit); the median TTFT is the point.
 *       The input length recorded is the server's {@code usage.prompt_tokens} when it reports one.
 *   <li><b>Decode</b>: ITL and throughput against concurrency and context length. For each context
 *       {@code K} and batch {@code B}, {@code B} streams start together with prompts of {@code K −
 *       decodeTokens/2} tokens and {@code decodeTokens} outputs, so their context averages {@code
 *       K} while they decode. ITL is measured only in the window where all {@code B} decode
 *       together (after the last stream's first token, before the first stream's last), as each
 *       stream's mean token gap there; the point is the median over streams. Steps that carry a
 *       prefill never fall in that window.
 *   <li><b>Request overhead</b>: when the sweep includes a prompt of at most 64 tokens, {@code
 *       request_overhead_ms} = its TTFT − the ITL of the smallest batch at the smallest context (a
 *       prefill of a few tokens costs about one minimal decode step; the rest is latency outside
 *       the engine's steps, client and HTTP included).
 * </ul>
 *
 * <p>A point whose requests fail (a prompt longer than the server allows, say) is reported and
 * skipped; the sweep fails only when no prefill or no decode point could be measured.
 */
public final class Profiler {
  private static final int MAX_OVERHEAD_PROBE_TOKENS = 64;

  private final Endpoint endpoint;
  private final int ioThreads;
  private final PromptRenderer renderer;
  private final PrintWriter log;
  private long nextPromptId;

  /** What to measure. */
  public record Sweep(
      List<Integer> prefillTokens,
      int prefillRepeats,
      List<Integer> contexts,
      List<Integer> batches,
      int decodeTokens) {
    public Sweep {
      prefillTokens = List.copyOf(prefillTokens);
      contexts = List.copyOf(contexts);
      batches = List.copyOf(batches);
      if (prefillTokens.isEmpty() || contexts.isEmpty() || batches.isEmpty()) {
        throw new IllegalArgumentException("a sweep needs prefill sizes, contexts and batches");
      }
      for (List<Integer> values : List.of(prefillTokens, contexts, batches)) {
        if (values.stream().anyMatch(v -> v <= 0)) {
          throw new IllegalArgumentException("sweep values must be > 0: " + values);
        }
      }
      if (prefillRepeats <= 0 || decodeTokens < 8) {
        throw new IllegalArgumentException("need repeats > 0 and decode tokens >= 8");
      }
    }
  }

  /** One measured prefill size. */
  public record PrefillPoint(
      int requestedTokens, int inputTokens, double ttftMs, double[] samples) {}

  /**
   * One measured decode point; {@code itlMs} is NaN when it could not be measured ({@code problem}
   * says why).
   */
  public record DecodePoint(
      int batch, int contextTokens, double itlMs, int windowTokens, String problem) {
    public double tokensPerSecond() {
      return batch * 1000.0 / itlMs;
    }
  }

  /** The table and the points behind it. */
  public record Result(ProfileTable table, List<PrefillPoint> prefill, List<DecodePoint> decode) {}

  /**
   * @param endpoint the engine; requests are always streamed
   * @param log where each point is reported as it is measured
   */
  public Profiler(
      Endpoint endpoint, int ioThreads, String tokenizerEncoding, long salt, PrintWriter log) {
    this.endpoint = endpoint.withStreaming(true);
    this.ioThreads = ioThreads;
    this.renderer = PromptRenderer.create(tokenizerEncoding, salt);
    this.log = log;
  }

  /**
   * Runs the sweep.
   *
   * @param properties header lines for the profile ({@code model}, {@code gpu}, …)
   * @throws ProfilingException if a request fails or a point cannot be measured at all
   */
  public Result run(Sweep sweep, Map<String, String> properties) throws InterruptedException {
    RequestBodyWriter bodies = new RequestBodyWriter(new ObjectMapper(), endpoint, renderer);
    try (OpenAiClient client = new OpenAiClient(endpoint, ioThreads, renderer::countTokens)) {
      // Warm up connections, JIT and the server's caches of compiled paths.
      for (int i = 0; i < 3; i++) {
        sendTogether(client, List.of(prompt(bodies, 32, 4)));
      }
      List<PrefillPoint> prefill = new ArrayList<>();
      for (int tokens : sweep.prefillTokens().stream().sorted().distinct().toList()) {
        try {
          prefill.add(measurePrefill(client, bodies, tokens, sweep.prefillRepeats()));
        } catch (ProfilingException e) {
          skipped("prefill %6d tokens", tokens, e);
        }
      }
      if (prefill.isEmpty()) {
        throw new ProfilingException("no prefill point could be measured");
      }
      List<DecodePoint> decode = new ArrayList<>();
      for (int context : sweep.contexts().stream().sorted().distinct().toList()) {
        for (int batch : sweep.batches().stream().sorted().distinct().toList()) {
          try {
            decode.add(measureDecode(client, bodies, batch, context, sweep.decodeTokens()));
          } catch (ProfilingException e) {
            skipped("decode batch %4d context %6d", batch, context, e);
          }
        }
      }
      return new Result(table(properties, prefill, decode), prefill, decode);
    }
  }

  private PrefillPoint measurePrefill(
      OpenAiClient client, RequestBodyWriter bodies, int tokens, int repeats)
      throws InterruptedException {
    double[] samples = new double[repeats];
    int serverTokens = -1;
    for (int i = 0; i < repeats; i++) {
      RequestRecord r = sendTogether(client, List.of(prompt(bodies, tokens, 1))).get(0);
      if (r.timeline().ttftNanos().isEmpty()) {
        throw new ProfilingException("prefill of " + tokens + " tokens returned no token");
      }
      samples[i] = r.timeline().ttftNanos().getAsLong() / 1e6;
      serverTokens = r.serverPromptTokens();
    }
    double median = median(samples);
    int inputTokens = serverTokens > 0 ? serverTokens : tokens;
    log.printf(
        Locale.ROOT,
        "prefill %6d tokens (server: %s): TTFT median %.2f ms over %d%n",
        tokens,
        serverTokens > 0 ? Integer.toString(serverTokens) : "n/a",
        median,
        repeats);
    log.flush();
    return new PrefillPoint(tokens, inputTokens, median, samples);
  }

  private DecodePoint measureDecode(
      OpenAiClient client, RequestBodyWriter bodies, int batch, int context, int decodeTokens)
      throws InterruptedException {
    int promptTokens = Math.max(1, context - decodeTokens / 2);
    List<PreparedRequest> requests = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      requests.add(prompt(bodies, promptTokens, decodeTokens));
    }
    List<RequestRecord> records = sendTogether(client, requests);
    long windowStart = Long.MIN_VALUE;
    long windowEnd = Long.MAX_VALUE;
    for (RequestRecord r : records) {
      long[] times = r.timeline().responseNanos();
      if (times.length < 2) {
        throw new ProfilingException("a decode stream returned fewer than 2 chunks");
      }
      windowStart = Math.max(windowStart, times[0]);
      windowEnd = Math.min(windowEnd, times[times.length - 1]);
    }
    double[] itls = new double[records.size()];
    int minTokens = Integer.MAX_VALUE;
    int measured = 0;
    for (RequestRecord r : records) {
      long[] times = r.timeline().responseNanos();
      double tokensPerChunk = r.timeline().outputTokens() / (double) times.length;
      long first = -1;
      long last = -1;
      int n = 0;
      for (long t : times) {
        if (t >= windowStart && t <= windowEnd) {
          first = first < 0 ? t : first;
          last = t;
          n++;
        }
      }
      minTokens = Math.min(minTokens, n);
      if (n >= 3) {
        itls[measured++] = (last - first) / 1e6 / ((n - 1) * tokensPerChunk);
      }
    }
    if (measured == 0) {
      String problem =
          "streams never decoded together for 3 tokens; raise --decode-tokens or lower the batch";
      log.printf(
          Locale.ROOT, "decode batch %4d context %6d: skipped (%s)%n", batch, context, problem);
      log.flush();
      return new DecodePoint(batch, context, Double.NaN, minTokens, problem);
    }
    double itl = median(Arrays.copyOf(itls, measured));
    log.printf(
        Locale.ROOT,
        "decode batch %4d context %6d: ITL median %.3f ms over %d tokens (%,.0f tokens/s)%n",
        batch,
        context,
        itl,
        minTokens,
        batch * 1000.0 / itl);
    log.flush();
    return new DecodePoint(batch, context, itl, minTokens, null);
  }

  private void skipped(String what, int a, ProfilingException e) {
    log.printf(Locale.ROOT, what + ": skipped (%s)%n", a, e.getMessage());
    log.flush();
  }

  private void skipped(String what, int a, int b, ProfilingException e) {
    log.printf(Locale.ROOT, what + ": skipped (%s)%n", a, b, e.getMessage());
    log.flush();
  }

  private ProfileTable table(
      Map<String, String> properties, List<PrefillPoint> prefill, List<DecodePoint> decode) {
    List<ProfileTable.PrefillPoint> prefillRows = new ArrayList<>();
    Map<Integer, Double> byInput = new LinkedHashMap<>();
    for (PrefillPoint p : prefill) {
      byInput.putIfAbsent(p.inputTokens(), p.ttftMs());
    }
    byInput.forEach(
        (tokens, ttft) ->
            prefillRows.add(new ProfileTable.PrefillPoint(tokens, microseconds(ttft))));
    List<ProfileTable.DecodePoint> decodeRows = new ArrayList<>();
    for (DecodePoint p : decode) {
      if (p.problem() == null) {
        decodeRows.add(
            new ProfileTable.DecodePoint(p.batch(), p.contextTokens(), microseconds(p.itlMs())));
      }
    }
    if (decodeRows.isEmpty()) {
      throw new ProfilingException("no decode point could be measured");
    }
    Map<String, String> header = new LinkedHashMap<>(properties);
    PrefillPoint smallest = prefill.get(0);
    if (smallest.requestedTokens() <= MAX_OVERHEAD_PROBE_TOKENS) {
      ProfileTable.DecodePoint minimal =
          decodeRows.stream()
              .min(
                  java.util.Comparator.comparingInt(ProfileTable.DecodePoint::contextTokens)
                      .thenComparingInt(ProfileTable.DecodePoint::batch))
              .orElseThrow();
      double overhead = Math.max(0, smallest.ttftMs() - minimal.itlMs());
      header.put(ProfileTable.REQUEST_OVERHEAD_MS, String.format(Locale.ROOT, "%.3f", overhead));
    }
    return new ProfileTable(header, prefillRows, decodeRows);
  }

  private PreparedRequest prompt(RequestBodyWriter bodies, int tokens, int maxTokens) {
    long id = nextPromptId++;
    byte[] body = bodies.body(renderer.filler(id, tokens), maxTokens);
    return new PreparedRequest(id, body, tokens, maxTokens, -1);
  }

  /** Sends all requests at once on one loop and waits for every record; fails on any error. */
  private List<RequestRecord> sendTogether(OpenAiClient client, List<PreparedRequest> requests)
      throws InterruptedException {
    ConcurrentLinkedQueue<RequestRecord> done = new ConcurrentLinkedQueue<>();
    CountDownLatch latch = new CountDownLatch(requests.size());
    client
        .loop(0)
        .execute(
            () -> {
              long now = System.nanoTime();
              for (PreparedRequest request : requests) {
                client.send(
                    0,
                    request,
                    now,
                    record -> {
                      done.add(record);
                      latch.countDown();
                    });
              }
            });
    long waitNanos = endpoint.timeouts().request().toNanos() + TimeUnit.SECONDS.toNanos(5);
    if (!latch.await(waitNanos, TimeUnit.NANOSECONDS)) {
      throw new ProfilingException("requests did not finish within the request timeout");
    }
    List<RequestRecord> records = new ArrayList<>(done);
    for (RequestRecord r : records) {
      if (!r.ok()) {
        throw new ProfilingException(
            "request failed: " + r.errorLabel().orElseThrow() + ": " + r.errorMessage());
      }
    }
    return records;
  }

  /** Milliseconds rounded to the microsecond: finer than any measurement here. */
  private static double microseconds(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The sweep could not be completed. */
  public static final class ProfilingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfilingException(String message) {
      super(message);
    }
  }
}
