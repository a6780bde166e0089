package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.route.AdmissionControl;
import dev.llmscale.core.route.Routers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final long EVENT_LOOP_STOP_SECONDS = 5;

  private final GatewayOptions options;
  private final EventLoopGroup eventLoops;
  private final ExecutorService tokenizerPool;
  private final ChannelGroup channels;
  private final Fleet fleet;
  private final Dispatcher dispatcher;
  private final ReplicaMonitor monitor;
  private final GatewayMetrics metrics;
  private final ShutdownGate gate = new ShutdownGate();
  private final Channel serverChannel;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private GatewayServer(GatewayOptions options) throws InterruptedException {
    this.options = options;
    ObjectMapper mapper = new ObjectMapper();
    PromptTokenizer tokenizer = PromptTokenizer.forEncoding(options.tokenizerEncoding());
    eventLoops =
        new MultiThreadIoEventLoopGroup(
            options.ioThreads(),
            new DefaultThreadFactory("llmscale-gateway-io"),
            NioIoHandler.newFactory());
    tokenizerPool =
        Executors.newFixedThreadPool(
            options.tokenizerThreads(),
            new DefaultThreadFactory("llmscale-gateway-tokenizer", true));
    channels = new DefaultChannelGroup("llmscale-gateway", GlobalEventExecutor.INSTANCE);

    fleet =
        new Fleet(
            uri ->
                new Upstream(
                    uri,
                    new CircuitBreaker(
                        options.failureThreshold(),
                        options.ejectionTime().toNanos(),
                        options.maxEjectionTime().toNanos())));
    metrics =
        new GatewayMetrics(
            options.metricsPrefix(), options.nativeHistograms(), fleet::members, fleet::catalog);
    AdmissionControl admission =
        options.ttftBudget() == null
            ? null
            : new AdmissionControl(options.ttftBudget().toNanos() / 1e9);
    dispatcher =
        new Dispatcher(
            fleet,
            Routers.create(options.router()),
            admission,
            HttpResponseStatus.valueOf(options.refusalStatus()));
    ConnectionPool pool = new ConnectionPool(eventLoops, options.connectTimeout());
    monitor = new ReplicaMonitor(fleet, options, mapper);
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
            options, mapper, validator, tokenizerPool, fleet, dispatcher, pool, metrics, gate);

    try {
      monitor.start();
      for (UpstreamSource source : options.upstreamSources()) {
        source.start(uris -> fleet.update(source.name(), uris));
      }
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
                              new JsonErrorAggregator(
                                  options.maxRequestBodyBytes(),
                                  mapper,
                                  () ->
                                      metrics.requestEnded(
                                          "unknown",
                                          ApiKind.COMPLETION,
                                          false,
                                          ErrorType.VALIDATION)))
                          .addLast("api", new FrontendHandler(services));
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
    if (closed.get()) {
      awaitTermination();
      return true;
    }
    gate.startDraining();
    LOG.info(
        "draining: {} requests in flight, timeout {}", gate.inFlight(), options.drainTimeout());
    boolean finished = gate.awaitIdle(options.drainTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (!finished) {
      LOG.warn("drain timeout: cutting {} requests still in flight", gate.inFlight());
    }
    close();
    return finished;
  }

  /** Shuts down now: in-flight streams are cut. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      shutDown();
    } else {
      try {
        terminated.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Registers a JVM shutdown hook (SIGTERM, SIGINT) that drains the gateway. */
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
            "llmscale-gateway-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private void shutDown() {
    try {
      gate.startDraining();
      for (UpstreamSource source : options.upstreamSources()) {
        try {
          source.close();
        } catch (RuntimeException e) {
          LOG.warn("closing upstream source {} failed", source.name(), e);
        }
      }
      monitor.close();
      if (serverChannel != null) {
        serverChannel.close().awaitUninterruptibly();
      }
      channels.close().awaitUninterruptibly(EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS);
      tokenizerPool.shutdownNow();
      eventLoops
          .shutdownGracefully(0, EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly();
      LOG.info("gateway stopped");
    } finally {
      terminated.countDown();
    }
  }
}
