package dev.llmscale.openai;

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
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of an HTTP server on Netty (NIO): its event loops and tokenizer pool, the listening
 * socket, a drain that waits for in-flight requests, and a shutdown that stops everything in order.
 * The emulator and the gateway each own one and add their engine or fleet around it.
 *
 * <pre>{@code
 * ApiServer server = new ApiServer("gateway", ioThreads, tokenizerThreads, gate);
 * server.onStop(monitor::close);
 * server.listen(host, port, () -> new JsonErrorAggregator(limit, mapper, () -> {}), MyHandler::new);
 * }</pre>
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final long EVENT_LOOP_STOP_SECONDS = 5;

  private final String name;
  private final DrainGate gate;
  private final EventLoopGroup eventLoops;
  private final ExecutorService tokenizerPool;
  private final ChannelGroup channels;
  private final List<Runnable> stopActions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile String host;
  private volatile Channel serverChannel;

  /** Starts the event loops and the tokenizer pool; threads are named {@code llmscale-<name>-…}. */
  public ApiServer(String name, int ioThreads, int tokenizerThreads, DrainGate gate) {
    this.name = name;
    this.gate = gate;
    eventLoops =
        new MultiThreadIoEventLoopGroup(
            ioThreads,
            new DefaultThreadFactory("llmscale-" + name + "-io"),
            NioIoHandler.newFactory());
    tokenizerPool =
        Executors.newFixedThreadPool(
            tokenizerThreads, new DefaultThreadFactory("llmscale-" + name + "-tokenizer", true));
    channels = new DefaultChannelGroup("llmscale-" + name, GlobalEventExecutor.INSTANCE);
  }

  public EventLoopGroup eventLoops() {
    return eventLoops;
  }

  /** Runs request parsing and tokenization off the event loops. */
  public ExecutorService tokenizerPool() {
    return tokenizerPool;
  }

  /**
   * Adds a step to the shutdown: it runs once the port is closed and before the open connections
   * are cut, in the order added. A step that throws is logged and the shutdown goes on.
   */
  public void onStop(Runnable action) {
    stopActions.add(action);
  }

  /**
   * Binds the port. Each connection's pipeline is an HTTP codec ({@code http}), an aggregator that
   * answers oversized bodies ({@code aggregate}) and the API's handler ({@code api}), each made
   * fresh per connection by the given factories.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public void listen(
      String host,
      int port,
      Supplier<JsonErrorAggregator> aggregator,
      Supplier<? extends ApiConnectionHandler> api)
      throws InterruptedException {
    this.host = host;
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
                        .addLast("aggregate", aggregator.get())
                        .addLast("api", api.get());
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
  }

  /** The bound port (the actual one when port 0 was asked for). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Where clients reach the server; loopback when bound to all interfaces. */
  public URI baseUri() {
    String reachable = host;
    if (reachable.equals("0.0.0.0") || reachable.equals("::") || reachable.isEmpty()) {
      reachable = "127.0.0.1";
    } else if (reachable.contains(":")) {
      reachable = "[" + reachable + "]";
    }
    return URI.create("http://" + reachable + ":" + port());
  }

  /**
   * Stops taking requests (the handlers refuse them while the gate drains), lets in-flight ones
   * finish for up to {@code timeout}, then shuts down, cutting what remains. Blocks until done;
   * safe to call more than once and from any thread but an event loop.
   *
   * @return true if every in-flight request finished in time
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    if (closed.get()) {
      awaitTermination();
      return true;
    }
    gate.startDraining();
    LOG.info("draining: {} requests in flight, timeout {}", gate.inFlight(), timeout);
    boolean finished = gate.awaitIdle(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (!finished) {
      LOG.warn("drain timeout: ending {} requests still in flight", gate.inFlight());
    }
    close();
    return finished;
  }

  /** Shuts down now: in-flight requests are cut. Idempotent; later calls wait for the first. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      shutDown();
    } else {
      awaitTerminationUninterruptibly();
    }
  }

  /** Blocks until the server has shut down. */
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
   * JVM's exit for up to {@code drainTimeout}: keep Kubernetes' {@code
   * terminationGracePeriodSeconds} above it.
   *
   * @return the hook, for {@link Runtime#removeShutdownHook}
   */
  public Thread installShutdownHook(Duration drainTimeout) {
    Thread hook =
        new Thread(
            () -> {
              try {
                drain(drainTimeout);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
              }
            },
            "llmscale-" + name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private void shutDown() {
    try {
      gate.startDraining();
      Channel listening = serverChannel;
      if (listening != null) {
        listening.close().awaitUninterruptibly();
      }
      for (Runnable action : stopActions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("a shutdown step of the {} failed", name, e);
        }
      }
      channels.close().awaitUninterruptibly(EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS);
      tokenizerPool.shutdownNow();
      eventLoops
          .shutdownGracefully(0, EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly();
      LOG.info("{} stopped", name);
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
