package dev.llmscale.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.engine.EngineCounters;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.EngineSnapshot;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.openai.ApiServer;
import dev.llmscale.openai.JsonErrorAggregator;
import dev.llmscale.openai.PromptTokenizer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulated vLLM engine: an OpenAI-compatible HTTP server (Netty, NIO) in front of the
 * core engine scheduler driven by the wall clock.
 *
 * <pre>{@code
 * EmulatorServer server = EmulatorServer.start(options);
 * server.installShutdownHook();   // SIGTERM drains
 * server.awaitTermination();
 * }</pre>
 */
public final class EmulatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
  private static final long ENGINE_STOP_SECONDS = 5;

  private final EmulatorOptions options;
  private final TokenTiming tokenTiming = new TokenTiming();
  private final AdmissionGate gate;
  private final EngineLoop engine;
  private final ApiServer server;

  private EmulatorServer(EmulatorOptions options) throws InterruptedException {
    this.options = options;
    long startedNanos = System.nanoTime();
    ObjectMapper mapper = new ObjectMapper();
    PromptTokenizer tokenizer = PromptTokenizer.forEncoding(options.tokenizerEncoding());
    RequestParser parser =
        new RequestParser(
            mapper,
            tokenizer,
            options.servedModelName(),
            options.engineConfig().maxModelLen(),
            options.defaultOutputTokens(),
            options.engineConfig().blockSize());

    // The gate asks the engine whether it is alive only once requests arrive, after construction.
    gate = new AdmissionGate(startedNanos + options.startupDelay().toNanos(), this::engineAlive);
    server = new ApiServer("emulator", options.ioThreads(), options.tokenizerThreads(), gate);
    Map<EventLoop, Integer> loopIndex = new IdentityHashMap<>();
    List<EventExecutor> loops = new ArrayList<>();
    for (EventExecutor loop : server.eventLoops()) {
      loopIndex.put((EventLoop) loop, loops.size());
      loops.add(loop);
    }

    PerformanceModel wallClockModel =
        ScaledPerformanceModel.of(options.performanceModel(), options.speedUp());
    EngineScheduler scheduler = new EngineScheduler(options.engineConfig(), wallClockModel);
    // The metrics read the engine's published status only at scrape time, after construction.
    EngineMetrics metrics = new EngineMetrics(options, this::engineStatus, tokenTiming);
    engine =
        new EngineLoop(
            scheduler,
            Math.round(wallClockModel.requestOverheadSeconds() * 1e9),
            metrics,
            loops.toArray(EventExecutor[]::new));
    server.onStop(this::stopEngine);
    ApiServices services =
        new ApiServices(
            options,
            parser,
            server.tokenizerPool(),
            engine,
            gate,
            metrics,
            new JsonResponses(mapper),
            tokenTiming,
            Map.copyOf(loopIndex),
            System.currentTimeMillis() / 1000);

    engine.start();
    try {
      server.listen(
          options.host(),
          options.port(),
          () -> new JsonErrorAggregator(options.maxRequestBodyBytes(), mapper, () -> {}),
          () -> new HttpApiHandler(services));
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info(
        "emulating {} on {} as '{}' at {} (max_model_len {}, {} KV blocks, speed-up x{})",
        options.model().id(),
        options.gpu().id(),
        options.servedModelName(),
        baseUri(),
        options.engineConfig().maxModelLen(),
        options.engineConfig().kvBlocks(),
        options.speedUp());
  }

  /**
   * Binds the port and starts the engine. Returns once the server listens; {@code /health} turns
   * 200 after the startup delay.
   *
   * @throws IllegalArgumentException if the tokenizer encoding is unknown
   * @throws InterruptedException if interrupted while binding
   */
  public static EmulatorServer start(EmulatorOptions options) throws InterruptedException {
    return new EmulatorServer(options);
  }

  public EmulatorOptions options() {
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

  /** What {@code /health} says: loaded, not draining, engine running. */
  public boolean ready() {
    return gate.healthy();
  }

  /** Accepted requests not yet answered (queued, generating, or being tokenized). */
  public int inFlightRequests() {
    return gate.inFlight();
  }

  /** The engine's gauges as of its last step boundary. */
  public EngineSnapshot engineSnapshot() {
    return engine.status().snapshot();
  }

  /** The engine's counters as of its last step boundary. */
  public EngineCounters engineCounters() {
    return engine.status().counters();
  }

  /**
   * Lag from the time the performance model scheduled each streamed token to the flush of its
   * write, since start (also exported at {@code /metrics}).
   */
  public LatencySummary tokenEmitLag() {
    return tokenTiming.emitLag();
  }

  /**
   * How far the time between consecutive token flushes of a stream strays from the time the model
   * put between them, since start (also exported at {@code /metrics}).
   */
  public LatencySummary tokenGapError() {
    return tokenTiming.gapError();
  }

  /**
   * Stops taking requests (they and {@code /health} get 503), lets in-flight requests finish for up
   * to the drain timeout, ends what remains, then shuts down. Blocks until done; safe to call more
   * than once and from any thread but an event loop.
   *
   * @return true if every in-flight request finished within the timeout
   */
  public boolean drain() throws InterruptedException {
    return server.drain(options.drainTimeout());
  }

  /**
   * Shuts down now: in-flight streams are cut, the engine thread and event loops stop. Idempotent.
   */
  @Override
  public void close() {
    server.close();
  }

  /** Blocks until the server has shut down (after {@link #drain()} or {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * @return false if the server was still running after {@code timeout}
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return server.awaitTermination(timeout);
  }

  /**
   * Registers a JVM shutdown hook (SIGTERM, SIGINT) that drains the server. The hook blocks the
   * JVM's exit for up to the drain timeout: keep Kubernetes' {@code terminationGracePeriodSeconds}
   * above it.
   *
   * @return the hook, for {@link Runtime#removeShutdownHook}
   */
  public Thread installShutdownHook() {
    return server.installShutdownHook(options.drainTimeout());
  }

  private EngineStatus engineStatus() {
    return engine.status();
  }

  private boolean engineAlive() {
    return engine.alive();
  }

  /** After the port closes and before the connections are cut, so streams end with the engine. */
  private void stopEngine() {
    try {
      if (!engine.stop(ENGINE_STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("engine thread did not stop within {} s", ENGINE_STOP_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
