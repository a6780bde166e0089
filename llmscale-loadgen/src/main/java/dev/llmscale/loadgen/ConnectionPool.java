package dev.llmscale.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Keep-alive connections of one event loop to one server: an exchange takes an idle connection if
 * one is open, else opens a new one, and gives it back when its response ended cleanly. Confined to
 * its event loop.
 */
final class ConnectionPool {
  private final Bootstrap bootstrap;
  private final String host;
  private final int port;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final Set<Channel> open = new HashSet<>();
  private long opened;

  /**
   * @param bootstrap bound to this pool's event loop, with the client pipeline as its handler
   */
  ConnectionPool(Bootstrap bootstrap, String host, int port) {
    this.bootstrap = bootstrap;
    this.host = host;
    this.port = port;
  }

  /** Hands {@code exchange} a connection: an idle one ({@code reused}) or a new one. */
  void acquire(Exchange exchange) {
    Channel channel;
    while ((channel = idle.pollLast()) != null) {
      if (channel.isActive()) {
        exchange.onChannel(channel, true);
        return;
      }
    }
    connect(exchange);
  }

  /** Opens a new connection for {@code exchange}, never reusing one. */
  void connect(Exchange exchange) {
    ChannelFuture connect = bootstrap.connect(host, port);
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            exchange.onConnectFailed(f.cause());
            return;
          }
          Channel channel = connect.channel();
          track(channel);
          exchange.onChannel(channel, false);
        });
  }

  /** Takes back a connection whose response ended cleanly and may be reused. */
  void release(Channel channel) {
    if (channel.isActive()) {
      idle.addLast(channel);
    } else {
      channel.close();
    }
  }

  private void track(Channel channel) {
    opened++;
    open.add(channel);
    channel
        .closeFuture()
        .addListener(
            closed -> {
              open.remove(channel);
              idle.remove(channel);
            });
  }

  /** Connections opened since the start. */
  long opened() {
    return opened;
  }

  void closeAll() {
    for (Channel channel : new ArrayList<>(open)) {
      channel.close();
    }
    idle.clear();
  }
}
