package dev.llmscale.gateway;

import dev.llmscale.core.route.Routers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a gateway needs, validated.
 *
 * @param host address to bind ({@code 0.0.0.0} for all interfaces)
 * @param port port to bind; 0 picks a free one ({@link GatewayServer#port()})
 * @param upstreamSources where replicas come from (static list, watched file, ...)
 * @param router routing policy by name: {@code round-robin}, {@code least-load}, {@code
 *     prefix-aware}
 * @param metricsPrefix prefix of the frontend metric names, ending in {@code _} ({@code
 *     llmscale_frontend_}; {@code dynamo_frontend_} for Dynamo-compatible names)
 * @param nativeHistograms also keep Prometheus native histograms (served to scrapers that ask for
 *     protobuf)
 * @param ttftBudget admission control: refuse a request that cannot start within this time to first
 *     token; null turns admission control off
 * @param refusalStatus what a refused request gets: 429 or 503, with {@code Retry-After}
 * @param connectTimeout TCP connect to a replica
 * @param firstByteTimeout from sending a streaming request to the replica's response head; past it
 *     the request is retried elsewhere (a non-streaming request's head comes only with its result,
 *     so it waits for {@code idleTimeout} and is not retried)
 * @param idleTimeout longest silence of a replica in the middle of a response; past it the stream
 *     ends with an error event
 * @param maxAttempts replicas tried per request when they fail before answering (1 = no retry)
 * @param healthInterval how often each replica's {@code /health} is checked
 * @param healthTimeout how long a health check, scrape or model listing may take
 * @param unhealthyThreshold failed health checks in a row that take a replica out of rotation
 * @param scrapeInterval how often each replica's {@code /metrics} is scraped for its queue and KV
 *     usage
 * @param failureThreshold failed requests in a row that eject a replica (circuit breaker)
 * @param ejectionTime first ejection's length; it doubles with each ejection in a row
 * @param maxEjectionTime cap on the ejection length
 * @param maxRequestBodyBytes larger request bodies get 413
 * @param drainTimeout how long {@link GatewayServer#drain()} lets in-flight requests finish
 * @param ioThreads Netty event loops (client and upstream connections share them)
 * @param tokenizerThreads threads that validate and tokenize requests off the event loops
 * @param tokenizerEncoding jtokkit encoding for prompt lengths and prefix hashes
 * @param blockSize tokens per KV block for prefix hashes (the engines' block size)
 */
public record GatewayOptions(
    String host,
    int port,
    List<UpstreamSource> upstreamSources,
    String router,
    String metricsPrefix,
    boolean nativeHistograms,
    Duration ttftBudget,
    int refusalStatus,
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration idleTimeout,
    int maxAttempts,
    Duration healthInterval,
    Duration healthTimeout,
    int unhealthyThreshold,
    Duration scrapeInterval,
    int failureThreshold,
    Duration ejectionTime,
    Duration maxEjectionTime,
    int maxRequestBodyBytes,
    Duration drainTimeout,
    int ioThreads,
    int tokenizerThreads,
    String tokenizerEncoding,
    int blockSize) {

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*_");

  public GatewayOptions {
    Objects.requireNonNull(host, "host");
    upstreamSources = List.copyOf(upstreamSources);
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(metricsPrefix, "metricsPrefix");
    Objects.requireNonNull(tokenizerEncoding, "tokenizerEncoding");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    if (!Routers.names().contains(router)) {
      Routers.create(router); // throws, listing the known routers
    }
    if (!PREFIX.matcher(metricsPrefix).matches()) {
      throw new IllegalArgumentException(
          "metrics prefix '"
              + metricsPrefix
              + "' is not a Prometheus name prefix ending in '_' (example: dynamo_frontend_)");
    }
    if (ttftBudget != null && !positive(ttftBudget)) {
      throw new IllegalArgumentException("TTFT budget must be > 0: " + ttftBudget);
    }
    if (refusalStatus != 429 && refusalStatus != 503) {
      throw new IllegalArgumentException("refusal status must be 429 or 503: " + refusalStatus);
    }
    for (Duration d :
        List.of(
            connectTimeout,
            firstByteTimeout,
            idleTimeout,
            healthInterval,
            healthTimeout,
            scrapeInterval,
            ejectionTime,
            maxEjectionTime)) {
      if (!positive(d)) {
        throw new IllegalArgumentException("timeouts and intervals must be > 0: " + d);
      }
    }
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (maxEjectionTime.compareTo(ejectionTime) < 0) {
      throw new IllegalArgumentException("max ejection time is shorter than the ejection time");
    }
    if (maxAttempts < 1 || unhealthyThreshold < 1 || failureThreshold < 1) {
      throw new IllegalArgumentException("attempts and thresholds must be >= 1");
    }
    if (maxRequestBodyBytes <= 0 || ioThreads <= 0 || tokenizerThreads <= 0 || blockSize <= 0) {
      throw new IllegalArgumentException("body limit, threads and block size must be > 0");
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults for everything; add upstreams and adjust. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private final List<URI> upstreams = new ArrayList<>();
    private final List<UpstreamSource> sources = new ArrayList<>();
    private String router = "least-load";
    private String metricsPrefix = GatewayMetrics.DEFAULT_PREFIX;
    private boolean nativeHistograms;
    private Duration ttftBudget;
    private int refusalStatus = 429;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration firstByteTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(120);
    private int maxAttempts = 3;
    private Duration healthInterval = Duration.ofSeconds(2);
    private Duration healthTimeout = Duration.ofSeconds(2);
    private int unhealthyThreshold = 2;
    private Duration scrapeInterval = Duration.ofMillis(500);
    private int failureThreshold = 5;
    private Duration ejectionTime = Duration.ofSeconds(10);
    private Duration maxEjectionTime = Duration.ofMinutes(5);
    private int maxRequestBodyBytes = 8 << 20;
    private Duration drainTimeout = Duration.ofSeconds(30);
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private int tokenizerThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private String tokenizerEncoding = "cl100k_base";
    private int blockSize = 16;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** A fixed replica; repeatable. */
    public Builder upstream(URI uri) {
      upstreams.add(uri);
      return this;
    }

    /** A file of replica URLs, re-read when it changes (polled every {@code pollInterval}). */
    public Builder upstreamsFile(Path file, Duration pollInterval) {
      sources.add(new UpstreamsFile(file, pollInterval));
      return this;
    }

    /** Any other source of replicas (e.g. an {@link UpstreamList} changed from code). */
    public Builder upstreamSource(UpstreamSource source) {
      sources.add(source);
      return this;
    }

    public Builder router(String router) {
      this.router = router;
      return this;
    }

    public Builder metricsPrefix(String metricsPrefix) {
      this.metricsPrefix = metricsPrefix;
      return this;
    }

    public Builder nativeHistograms(boolean nativeHistograms) {
      this.nativeHistograms = nativeHistograms;
      return this;
    }

    /** Turns admission control on (null: off). */
    public Builder ttftBudget(Duration ttftBudget) {
      this.ttftBudget = ttftBudget;
      return this;
    }

    public Builder refusalStatus(int refusalStatus) {
      this.refusalStatus = refusalStatus;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder firstByteTimeout(Duration firstByteTimeout) {
      this.firstByteTimeout = firstByteTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder healthInterval(Duration healthInterval) {
      this.healthInterval = healthInterval;
      return this;
    }

    public Builder healthTimeout(Duration healthTimeout) {
      this.healthTimeout = healthTimeout;
      return this;
    }

    public Builder unhealthyThreshold(int unhealthyThreshold) {
      this.unhealthyThreshold = unhealthyThreshold;
      return this;
    }

    public Builder scrapeInterval(Duration scrapeInterval) {
      this.scrapeInterval = scrapeInterval;
      return this;
    }

    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    public Builder ejectionTime(Duration ejectionTime) {
      this.ejectionTime = ejectionTime;
      return this;
    }

    public Builder maxEjectionTime(Duration maxEjectionTime) {
      this.maxEjectionTime = maxEjectionTime;
      return this;
    }

    public Builder maxRequestBodyBytes(int maxRequestBodyBytes) {
      this.maxRequestBodyBytes = maxRequestBodyBytes;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    public Builder ioThreads(int ioThreads) {
      this.ioThreads = ioThreads;
      return this;
    }

    public Builder tokenizerThreads(int tokenizerThreads) {
      this.tokenizerThreads = tokenizerThreads;
      return this;
    }

    public Builder tokenizerEncoding(String tokenizerEncoding) {
      this.tokenizerEncoding = tokenizerEncoding;
      return this;
    }

    public Builder blockSize(int blockSize) {
      this.blockSize = blockSize;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public GatewayOptions build() {
      List<UpstreamSource> all = new ArrayList<>();
      if (!upstreams.isEmpty()) {
        all.add(new UpstreamList("--upstream", upstreams));
      }
      all.addAll(sources);
      return new GatewayOptions(
          host,
          port,
          all,
          router,
          metricsPrefix,
          nativeHistograms,
          ttftBudget,
          refusalStatus,
          connectTimeout,
          firstByteTimeout,
          idleTimeout,
          maxAttempts,
          healthInterval,
          healthTimeout,
          unhealthyThreshold,
          scrapeInterval,
          failureThreshold,
          ejectionTime,
          maxEjectionTime,
          maxRequestBodyBytes,
          drainTimeout,
          ioThreads,
          tokenizerThreads,
          tokenizerEncoding,
          blockSize);
    }
  }
}
