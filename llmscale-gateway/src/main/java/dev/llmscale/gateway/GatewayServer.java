package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.route.AdmissionControl;
import dev.llmscale.core.route.Routers;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.ApiServer;
import dev.llmscale.openai.DrainGate;
import dev.llmscale.openai.JsonErrorAggregator;
import dev.llmscale.openai.PromptTokenizer;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: an OpenAI-compatible HTTP server (Netty, NIO) that routes each generation
 * request to one of its replicas, streams the answer back chunk by chunk, and measures TTFT and
 * inter-token latency on the way.
 *
 * <pre>{@code
 * GatewayServer gateway = GatewayServer.start(
 *     GatewayOptions.builder().port(8080).upstream(URI.create("http://10.0.0.5:8000")).build());
 * gateway.installShutdownHook();   // SIGTERM drains
 * gateway.awaitTermination();
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private final GatewayOptions options;
  private final Fleet fleet;
  private final DrainGate gate = new DrainGate();
  private final ApiServer server;

  private GatewayServer(GatewayOptions options) throws InterruptedException {
    this.options = options;
    ObjectMapper mapper = new ObjectMapper();
    PromptTokenizer tokenizer = PromptTokenizer.forEncoding(options.tokenizerEncoding());
    server = new ApiServer("gateway", options.ioThreads(), options.tokenizerThreads(), gate);

    fleet =
        new Fleet(
            uri ->
                new Upstream(
                    uri,
                    new CircuitBreaker(
                        options.failureThreshold(),
                        options.ejectionTime().toNanos(),
                        options.maxEjectionTime().toNanos())));
    GatewayMetrics metrics =
        new GatewayMetrics(
            options.metricsPrefix(), options.nativeHistograms(), fleet::members, fleet::catalog);
    AdmissionControl admission =
        options.ttftBudget() == null
            ? null
            : new AdmissionControl(options.ttftBudget().toNanos() / 1e9);
    Dispatcher dispatcher =
        new Dispatcher(
            fleet,
            Routers.create(options.router()),
            admission,
            HttpResponseStatus.valueOf(options.refusalStatus()));
    ConnectionPool pool = new ConnectionPool(server.eventLoops(), options.connectTimeout());
    ReplicaMonitor monitor = new ReplicaMonitor(fleet, options, mapper);
    fleet.addListener(monitor);
    fleet.addListener(
        new Fleet.Listener() {
          @Override
          public void added(Upstream upstream) {}

          @Override
          public void retired(Upstream upstream) {
            dispatcher.forget(upstream);
            pool.closeIdle(upstream);
          }
        });
    RequestValidator validator =
        new RequestValidator(
            mapper,
            tokenizer,
            options.blockSize(),
            fleet::catalog,
            () -> fleet.unavailableReason(null));
    GatewayServices services =
        new GatewayServices(
            options,
            mapper,
            validator,
            server.tokenizerPool(),
            fleet,
            dispatcher,
            pool,
            metrics,
            gate);
    server.onStop(this::closeSources);
    server.onStop(monitor::close);

    try {
      monitor.start();
      for (UpstreamSource source : options.upstreamSources()) {
        source.start(uris -> fleet.update(source.name(), uris));
      }
      server.listen(
          options.host(),
          options.port(),
          () ->
              new JsonErrorAggregator(
                  options.maxRequestBodyBytes(),
                  mapper,
                  () ->
                      metrics.requestEnded(
                          "unknown", ApiKind.COMPLETION, false, ErrorType.VALIDATION)),
          () -> new FrontendHandler(services));
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info(
        "gateway listening at {} ({} router, metrics prefix {}{})",
        baseUri(),
        options.router(),
        options.metricsPrefix(),
        admission == null ? "" : ", TTFT budget " + options.ttftBudget());
  }

  /**
   * Binds the port, starts watching the upstream sources and health-checking the replicas. Returns
   * once the server listens; requests get 503 until a replica is healthy.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public static GatewayServer start(GatewayOptions options) throws InterruptedException {
    return new GatewayServer(options);
  }

  public GatewayOptions options() {
    return options;
  }

  /** The bound port (the actual one when the options asked for port 0). */
  public int port() {
    return server.port();
  }

  /** Where clients reach the API; loopback when bound to all interfaces. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** The replicas and what the gateway knows of each. */
  public List<UpstreamStatus> upstreams() {
    return fleet.members().stream().map(UpstreamStatus::of).toList();
  }

  /** Generation requests accepted and not yet answered. */
  public int inFlightRequests() {
    return gate.inFlight();
  }

  /**
   * Stops taking requests (they get 503), lets in-flight ones finish for up to the drain timeout,
   * then shuts down. Blocks until done.
   *
   * @return true if every in-flight request finished in time
   */
  public boolean drain() throws InterruptedException {
    return server.drain(options.drainTimeout());
  }

  /** Shuts down now: in-flight streams are cut. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return server.awaitTermination(timeout);
  }

  /** Registers a JVM shutdown hook (SIGTERM, SIGINT) that drains the gateway. */
  public Thread installShutdownHook() {
    return server.installShutdownHook(options.drainTimeout());
  }

  private void closeSources() {
    for (UpstreamSource source : options.upstreamSources()) {
      try {
        source.close();
      } catch (RuntimeException e) {
        LOG.warn("closing upstream source {} failed", source.name(), e);
      }
    }
  }
}
