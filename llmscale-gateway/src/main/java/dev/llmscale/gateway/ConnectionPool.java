package dev.llmscale.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keep-alive connections to the replicas, one pool per event loop: a client connection's requests
 * go upstream on connections of the client's own event loop, so a whole exchange runs on one thread
 * without locks or hand-offs (Zuul's model). Each loop's pool is touched only by that loop.
 */
final class ConnectionPool {
  private static final int MAX_IDLE_PER_UPSTREAM = 256;

  private final EventLoopGroup loops;
  private final int connectTimeoutMillis;
  private final FastThreadLocal<Map<Upstream, ArrayDeque<Channel>>> idle =
      new FastThreadLocal<>() {
        @Override
        protected Map<Upstream, ArrayDeque<Channel>> initialValue() {
          return new HashMap<>();
        }
      };

  ConnectionPool(EventLoopGroup loops, Duration connectTimeout) {
    this.loops = loops;
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
  }

  /**
   * An idle connection to {@code upstream} on {@code loop}, or a new one. Call on {@code loop}.
   *
   * @param fresh skip idle connections (after a reused one turned out to be closed)
   */
  Future<Channel> acquire(EventLoop loop, Upstream upstream, boolean fresh) {
    if (!fresh) {
      ArrayDeque<Channel> pooled = idle.get().get(upstream);
      Channel channel;
      while (pooled != null && (channel = pooled.pollLast()) != null) {
        if (channel.isActive()) {
          return loop.newSucceededFuture(channel);
        }
      }
    }
    ChannelFuture connect =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast("http", new HttpClientCodec())
                        .addLast("upstream", new UpstreamHandler());
                  }
                })
            .connect(upstream.address());
    Promise<Channel> connected = loop.newPromise();
    connect.addListener(
        f -> {
          if (f.isSuccess()) {
            // A pooled connection the replica closes leaves its pool at once.
            connect.channel().closeFuture().addListener(c -> forget(upstream, connect.channel()));
            connected.setSuccess(connect.channel());
          } else {
            connected.setFailure(f.cause());
          }
        });
    return connected;
  }

  /**
   * Takes back a connection whose response ended cleanly and that may be reused; closes it when the
   * replica is draining or the pool is full. Call on the connection's event loop.
   */
  void release(Upstream upstream, Channel channel) {
    if (!channel.isActive()) {
      return;
    }
    if (upstream.draining()) {
      channel.close();
      return;
    }
    channel.pipeline().get(UpstreamHandler.class).detach();
    channel.config().setAutoRead(true);
    ArrayDeque<Channel> pooled = idle.get().computeIfAbsent(upstream, u -> new ArrayDeque<>());
    if (pooled.size() >= MAX_IDLE_PER_UPSTREAM) {
      channel.close();
      return;
    }
    pooled.addLast(channel);
  }

  /** Closes the idle connections to a replica on every event loop (it drained). */
  void closeIdle(Upstream upstream) {
    for (EventExecutor loop : loops) {
      try {
        loop.execute(
            () -> {
              ArrayDeque<Channel> pooled = idle.get().remove(upstream);
              if (pooled != null) {
                pooled.forEach(Channel::close);
              }
            });
      } catch (RejectedExecutionException shuttingDown) {
        return; // the loops close every connection as they stop
      }
    }
  }

  private void forget(Upstream upstream, Channel channel) {
    ArrayDeque<Channel> pooled = idle.get().get(upstream);
    if (pooled != null) {
      pooled.remove(channel);
      if (pooled.isEmpty()) {
        idle.get().remove(upstream);
      }
    }
  }
}
