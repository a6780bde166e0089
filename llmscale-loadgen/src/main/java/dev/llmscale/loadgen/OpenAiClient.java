package dev.llmscale.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import javax.net.ssl.SSLException;

/**
 * A non-blocking OpenAI client on Netty NIO: a few event loops, each with its own keep-alive
 * connection pool, each request an {@link Exchange} confined to one loop. Thousands of concurrent
 * streams cost one connection and a few hundred bytes of state each.
 */
public final class OpenAiClient implements AutoCloseable {
  private final Endpoint endpoint;
  private final EventLoopGroup group;
  private final List<EventLoop> loops = new ArrayList<>();
  private final List<ConnectionPool> pools = new ArrayList<>();
  private final ToIntFunction<String> tokenCounter;

  /**
   * @param ioThreads event loops (1 leaves the other core of a 2-core machine to the server)
   * @param tokenCounter counts output tokens of a response whose server reported no usage
   */
  public OpenAiClient(Endpoint endpoint, int ioThreads, ToIntFunction<String> tokenCounter) {
    if (ioThreads <= 0) {
      throw new IllegalArgumentException("io threads must be > 0: " + ioThreads);
    }
    this.endpoint = endpoint;
    this.tokenCounter = tokenCounter;
    SslContext ssl = endpoint.secure() ? sslContext() : null;
    this.group =
        new MultiThreadIoEventLoopGroup(
            ioThreads,
            new DefaultThreadFactory("llmscale-loadgen-io", true),
            NioIoHandler.newFactory());
    for (EventExecutor executor : group) {
      EventLoop loop = (EventLoop) executor;
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS,
                  (int) Math.min(Integer.MAX_VALUE, endpoint.timeouts().connect().toMillis()))
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      ChannelPipeline pipeline = channel.pipeline();
                      if (ssl != null) {
                        pipeline.addLast(
                            ssl.newHandler(channel.alloc(), endpoint.host(), endpoint.port()));
                      }
                      pipeline.addLast(new HttpClientCodec()).addLast(new ExchangeHandler());
                    }
                  });
      loops.add(loop);
      pools.add(new ConnectionPool(bootstrap, endpoint.host(), endpoint.port()));
    }
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public int loopCount() {
    return loops.size();
  }

  public EventLoop loop(int index) {
    return loops.get(index);
  }

  List<EventLoop> loops() {
    return List.copyOf(loops);
  }

  /**
   * Sends {@code request} on loop {@code loopIndex}; call it on that loop. {@code done} runs on
   * that loop once, with the record.
   *
   * @return the exchange, for {@link Exchange#cancel()}
   */
  Exchange send(
      int loopIndex, PreparedRequest request, long scheduledNanos, Consumer<RequestRecord> done) {
    Exchange exchange =
        new Exchange(
            this, pools.get(loopIndex), loops.get(loopIndex), request, scheduledNanos, done);
    exchange.start();
    return exchange;
  }

  /**
   * Warms the client up before a run, so that loading its code does not delay the first requests:
   * sends one {@code GET /v1/models} on every event loop (which leaves a keep-alive connection open
   * in each pool) and waits for the answers, at most the connect timeout. Whatever the server
   * answers, even an error, is fine here; the run reports real failures.
   */
  public void warmUp() {
    CountDownLatch answered = new CountDownLatch(loops.size());
    for (int i = 0; i < loops.size(); i++) {
      int index = i;
      loops
          .get(i)
          .execute(() -> send(index, PreparedRequest.probe(), 0, r -> answered.countDown()));
    }
    try {
      answered.await(endpoint.timeouts().connect().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Connections opened so far, over all loops (read after the run). */
  public long connectionsOpened() {
    long total = 0;
    for (ConnectionPool pool : pools) {
      total += pool.opened();
    }
    return total;
  }

  int countTokens(String text) {
    return tokenCounter.applyAsInt(text);
  }

  /** Closes every connection and stops the event loops. */
  @Override
  public void close() {
    for (int i = 0; i < loops.size(); i++) {
      ConnectionPool pool = pools.get(i);
      loops.get(i).submit(pool::closeAll).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private static SslContext sslContext() {
    try {
      return SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
