package dev.llmscale.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.engine.EngineCounters;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.EngineSnapshot;
import dev.llmscale.core.perf.PerformanceModel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final long EVENT_LOOP_STOP_SECONDS = 5;

  private final EmulatorOptions options;
  private final EventLoopGroup eventLoops;
  private final ExecutorService tokenizerPool;
  private final ChannelGroup channels;
  private final TokenTiming tokenTiming = new TokenTiming();
  private final AdmissionGate gate;
  private final EngineLoop engine;
  private final Channel serverChannel;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

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

    eventLoops =
        new MultiThreadIoEventLoopGroup(
            options.ioThreads(),
            new DefaultThreadFactory("llmscale-emulator-io"),
            NioIoHandler.newFactory());
    Map<EventLoop, Integer> loopIndex = new IdentityHashMap<>();
    List<EventExecutor> loops = new ArrayList<>();
    for (EventExecutor loop : eventLoops) {
      loopIndex.put((EventLoop) loop, loops.size());
      loops.add(loop);
    }
    tokenizerPool =
        Executors.newFixedThreadPool(
            options.tokenizerThreads(), new DefaultThreadFactory("llmscale-tokenizer", true));
    channels = new DefaultChannelGroup("llmscale-emulator", GlobalEventExecutor.INSTANCE);

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
    gate = new AdmissionGate(startedNanos + options.startupDelay().toNanos(), engine::alive);
    ApiServices services =
        new ApiServices(
            options,
            parser,
            tokenizerPool,
            engine,
            gate,
            metrics,
            new JsonResponses(mapper),
            tokenTiming,
            Map.copyOf(loopIndex),
            System.currentTimeMillis() / 1000);

    engine.start();
    try {
      serverChannel =
          new ServerBootstrap()
              .group(eventLoops)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channels.add(channel);
                      channel
                          .pipeline()
                          .addLast("http", new HttpServerCodec())
                          .addLast(
                              "aggregate",
                              new JsonErrorAggregator(options.maxRequestBodyBytes(), mapper))
                          .addLast("api", new HttpApiHandler(services));
                    }
                  })
              .bind(options.host(), options.port())
              .sync()
              .channel();
    } catch (InterruptedException | RuntimeException e) {
      shutDown();
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
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Where clients reach the API; loopback when bound to all interfaces. */
  public URI baseUri() {
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
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
    if (closed.get()) {
      awaitTermination();
      return true;
    }
    gate.startDraining();
    LOG.info(
        "draining: {} requests in flight, timeout {}", gate.inFlight(), options.drainTimeout());
    boolean finished = gate.awaitIdle(options.drainTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (!finished) {
      LOG.warn("drain timeout: ending {} requests still in flight", gate.inFlight());
    }
    close();
    return finished;
  }

  /**
   * Shuts down now: in-flight streams are cut, the engine thread and event loops stop. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      shutDown();
    } else {
      awaitTerminationUninterruptibly();
    }
  }

  /** Blocks until the server has shut down (after {@link #drain()} or {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * @return false if the server was still running after {@code timeout}
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Registers a JVM shutdown hook (SIGTERM, SIGINT) that drains the server. The hook blocks the
   * JVM's exit for up to the drain timeout: keep Kubernetes' {@code terminationGracePeriodSeconds}
   * above it.
   *
   * @return the hook, for {@link Runtime#removeShutdownHook}
   */
  public Thread installShutdownHook() {
    Thread hook =
        new Thread(
            () -> {
              try {
                drain();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
              }
            },
            "llmscale-emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private EngineStatus engineStatus() {
    return engine.status();
  }

  private void shutDown() {
    try {
      gate.startDraining();
      if (serverChannel != null) {
        serverChannel.close().awaitUninterruptibly();
      }
      try {
        if (!engine.stop(ENGINE_STOP_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("engine thread did not stop within {} s", ENGINE_STOP_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      channels.close().awaitUninterruptibly(EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS);
      tokenizerPool.shutdownNow();
      eventLoops
          .shutdownGracefully(0, EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly();
      LOG.info("emulator stopped");
    } finally {
      terminated.countDown();
    }
  }

  private void awaitTerminationUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        terminated.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
