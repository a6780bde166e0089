package dev.llmscale.gateway;

import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation request's trip through the gateway: pick a replica, send the request on a pooled
 * connection of the client's own event loop, forward the response head and every body chunk as it
 * arrives (never buffering the response), time tokens from the SSE events on the way, and record
 * the request's metrics once it ends.
 *
 * <p>Failures: a replica that fails before its response head (connect error, closed connection,
 * first-byte timeout, 502/503/504) is reported to its circuit breaker and the request is sent to
 * another replica, up to {@code maxAttempts}. Once the head went out nothing can be retried: a
 * broken or silent stream ends with an SSE error event and {@code [DONE]}. A client that leaves
 * closes the upstream connection, which is how an OpenAI-compatible engine learns to cancel.
 *
 * <p>Threading and ownership: every method runs on the client connection's event loop, which also
 * serves the upstream connection. Body chunks read from the replica are owned here until written to
 * the client (the write releases them) or released when dropped. The request body is a byte array
 * wrapped anew for each attempt.
 */
final class ProxyExchange {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class);
  private static final byte[] DONE_EVENT = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  /** Told when the exchange has answered the client, successfully or not. */
  interface Owner {
    void exchangeEnded(ProxyExchange exchange);
  }

  private enum Phase {
    NEW,
    CONNECTING,
    AWAITING_HEAD,
    STREAMING,
    DONE
  }

  private final ChannelHandlerContext client;
  private final GatewayServices services;
  private final ValidatedRequest request;
  private final HttpHeaders forwardHeaders;
  private final boolean keepAlive;
  private final long arrivalNanos;
  private final Owner owner;
  private final ModelMetrics metrics;
  private final List<Upstream> tried = new ArrayList<>(2);
  private final StringBuilder failures = new StringBuilder();

  private Phase phase = Phase.NEW;
  private Upstream upstream;
  private Channel upstreamChannel;
  private UpstreamHandler upstreamHandler;
  private boolean freshConnectionRetried;
  private boolean upstreamKeepAlive;
  private boolean queuedAtDispatch;
  private long dispatchNanos;
  private int status;
  private boolean sse;
  private SseScanner sseScanner;
  private UsageScanner usageScanner;
  private boolean awaitingFirstByte = true;
  private long lastTokenNanos;
  private int tokens;
  private boolean paused;
  private boolean unflushed;
  private ScheduledFuture<?> timer;
  private long timeoutNanos;
  private long lastActivityNanos;

  ProxyExchange(
      ChannelHandlerContext client,
      GatewayServices services,
      ValidatedRequest request,
      HttpHeaders forwardHeaders,
      boolean keepAlive,
      long arrivalNanos,
      Owner owner) {
    this.client = client;
    this.services = services;
    this.request = request;
    this.forwardHeaders = forwardHeaders;
    this.keepAlive = keepAlive;
    this.arrivalNanos = arrivalNanos;
    this.owner = owner;
    this.metrics = services.metrics().model(request.model());
  }

  void start() {
    metrics.queued().inc();
    metrics.inflight().inc();
    metrics.inputSequenceTokens().observe(request.promptTokens());
    attempt(null);
  }

  /**
   * Sends the request to a replica the dispatcher picks, or again to {@code sameUpstream} on a
   * fresh connection when a pooled one turned out to be closed.
   */
  private void attempt(Upstream sameUpstream) {
    if (!client.channel().isActive()) {
      clientClosed();
      return;
    }
    Upstream target = sameUpstream;
    if (target == null) {
      long now = System.nanoTime();
      Route route = services.dispatcher().route(request, tried, now);
      if (route instanceof Route.Refused refused) {
        respondError(
            tried.isEmpty()
                ? refused.error()
                : GatewayErrors.upstreamFailed(
                    "The upstream replicas failed before answering (" + failures + ")."));
        return;
      }
      target = ((Route.To) route).upstream();
      tried.add(target);
      queuedAtDispatch = target.queueing();
      dispatchNanos = now;
    }
    upstream = target;
    phase = Phase.CONNECTING;
    Future<Channel> connect =
        services.pool().acquire(client.channel().eventLoop(), target, sameUpstream != null);
    Upstream attempted = target;
    if (connect.isDone()) {
      connected(connect, attempted);
    } else {
      connect.addListener(f -> connected(connect, attempted));
    }
  }

  private void connected(Future<Channel> connect, Upstream target) {
    if (phase != Phase.CONNECTING || upstream != target) {
      if (connect.isSuccess()) {
        services.pool().release(target, connect.getNow()); // the client left meanwhile
      }
      return;
    }
    if (!connect.isSuccess()) {
      attemptFailed("connect failed: " + describe(connect.cause()), "connect_failed");
      return;
    }
    Channel channel = connect.getNow();
    upstreamChannel = channel;
    upstreamHandler = channel.pipeline().get(UpstreamHandler.class);
    upstreamHandler.attach(this);
    phase = Phase.AWAITING_HEAD;
    arm(
        request.stream()
            ? services.options().firstByteTimeout()
            : services.options().idleTimeout());

    HttpHeaders headers = new DefaultHttpHeaders().set(forwardHeaders);
    headers.set(HttpHeaderNames.HOST, target.authority());
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
    FullHttpRequest out =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            request.kind().path(),
            Unpooled.wrappedBuffer(request.body()),
            headers,
            EmptyHttpHeaders.INSTANCE);
    channel
        .writeAndFlush(out)
        .addListener(
            written -> {
              if (!written.isSuccess() && upstreamChannel == channel) {
                upstreamFailedBeforeHead("write failed: " + describe(written.cause()));
              }
            });
  }

  /** Whatever the replica sends: a response head, body chunks. Owns {@code msg}. */
  void upstreamRead(Object msg) {
    if (phase != Phase.AWAITING_HEAD && phase != Phase.STREAMING) {
      ReferenceCountUtil.safeRelease(msg);
      return;
    }
    long now = System.nanoTime();
    lastActivityNanos = now;
    if (msg instanceof HttpResponse head) {
      if (phase != Phase.AWAITING_HEAD || !forwardHead(head, now)) {
        ReferenceCountUtil.safeRelease(msg);
        return;
      }
    }
    if (msg instanceof HttpContent content) {
      if (phase == Phase.STREAMING) {
        forwardContent(content, now);
      } else {
        ReferenceCountUtil.safeRelease(content);
      }
    }
  }

  void upstreamReadComplete() {
    if (unflushed) {
      unflushed = false;
      client.flush();
    }
  }

  /** The upstream connection closed or failed while serving this exchange. */
  void upstreamClosed(Throwable cause) {
    if (phase == Phase.AWAITING_HEAD) {
      upstreamFailedBeforeHead(
          cause == null
              ? "connection closed before a response"
              : "connection failed: " + describe(cause));
    } else if (phase == Phase.STREAMING) {
      midStreamFailure(
          cause == null
              ? "the replica closed the connection"
              : "connection failed: " + describe(cause),
          ErrorType.INTERNAL);
    }
  }

  /** The client connection closed: cancel the upstream request by closing its connection. */
  void clientClosed() {
    if (phase == Phase.DONE) {
      return;
    }
    Phase was = phase;
    phase = Phase.DONE;
    if (was != Phase.NEW) {
      closeUpstream();
      if (upstream != null) {
        upstream.breaker().abandoned();
        services.fleet().finished(upstream);
      }
    }
    finish(ErrorType.CANCELLED, System.nanoTime());
  }

  void clientWritabilityChanged() {
    if (paused && client.channel().isWritable() && upstreamChannel != null) {
      paused = false;
      upstreamChannel.config().setAutoRead(true);
    }
  }

  /** Forwards the head unless the replica refused in a way another replica may not. */
  private boolean forwardHead(HttpResponse head, long now) {
    if (head.decoderResult().isFailure()) {
      upstreamFailedBeforeHead("malformed response: " + describe(head.decoderResult().cause()));
      return false;
    }
    status = head.status().code();
    if (status == 502 || status == 503 || status == 504) {
      closeUpstream(); // the rest of its body is not wanted
      attemptFailed("HTTP " + status, "status_" + status);
      return false;
    }
    if (status >= 500) {
      recordFailure(upstream, now);
    } else {
      upstream.breaker().succeeded();
    }
    upstreamKeepAlive = HttpUtil.isKeepAlive(head);
    HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status());
    out.headers().set(head.headers());
    for (CharSequence hopByHop :
        List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE)) {
      out.headers().remove(hopByHop);
    }
    if (!HttpUtil.isContentLengthSet(out) && !HttpUtil.isTransferEncodingChunked(out)) {
      HttpUtil.setTransferEncodingChunked(out, true);
    }
    HttpUtil.setKeepAlive(out, keepAlive);
    String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
    sse = type != null && type.startsWith("text/event-stream");
    if (sse) {
      sseScanner = new SseScanner();
    } else {
      usageScanner = new UsageScanner();
      firstByte(); // a JSON answer comes whole: its first byte is its first token
    }
    phase = Phase.STREAMING;
    arm(services.options().idleTimeout());
    client.write(out);
    unflushed = true;
    return true;
  }

  private void forwardContent(HttpContent content, long now) {
    if (sse) {
      int events = sseScanner.scan(content.content());
      if (events > 0) {
        tokens(events, now);
      }
    } else {
      usageScanner.scan(content.content());
    }
    boolean last = content instanceof LastHttpContent;
    ChannelFuture written = client.write(content);
    unflushed = true;
    if (last) {
      complete(written, now);
    } else if (!client.channel().isWritable() && !paused) {
      paused = true; // the client reads slower than the replica writes
      upstreamChannel.config().setAutoRead(false);
    }
  }

  private void tokens(int events, long now) {
    if (tokens == 0) {
      firstByte();
      metrics.timeToFirstToken().observe((now - arrivalNanos) / 1e9);
      upstream.firstToken((now - dispatchNanos) / 1e9, queuedAtDispatch);
    } else {
      double gap = (now - lastTokenNanos) / 1e9 / events;
      for (int i = 0; i < events; i++) {
        metrics.interTokenLatency().observe(gap);
      }
    }
    lastTokenNanos = now;
    tokens += events;
    metrics.outputTokens().inc(events);
  }

  private void firstByte() {
    if (awaitingFirstByte) {
      awaitingFirstByte = false;
      metrics.queued().dec();
    }
  }

  /** The replica's response ended cleanly and has been forwarded. */
  private void complete(ChannelFuture lastWrite, long now) {
    Upstream served = upstream;
    Channel channel = upstreamChannel;
    upstreamChannel = null;
    upstreamHandler.detach();
    upstreamHandler = null;
    phase = Phase.DONE;
    if (!keepAlive) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
    }

    long outputTokens;
    if (sse) {
      long reported = sseScanner.completionTokens();
      if (reported > tokens) {
        metrics.outputTokens().inc(reported - tokens); // several tokens in some events
      }
      outputTokens = Math.max(reported, tokens);
    } else {
      outputTokens = Math.max(usageScanner.completionTokens(), 0);
      metrics.outputTokens().inc(outputTokens);
    }
    ErrorType errorType = errorType();
    if (errorType == ErrorType.NONE) {
      metrics.outputSequenceTokens().observe(outputTokens);
      served.completed((now - dispatchNanos) / 1e9);
    }
    if (upstreamKeepAlive) {
      services.pool().release(served, channel);
    } else {
      channel.close();
    }
    services.fleet().finished(served);
    finish(errorType, now);
    // Flush last: a client that has the whole response must find the request counted and the
    // replica's in-flight count down, or its next request is routed on a stale count.
    client.flush();
    unflushed = false;
  }

  private ErrorType errorType() {
    if (status == 429) {
      return ErrorType.OVERLOAD;
    }
    if (status == 404) {
      return ErrorType.NOT_FOUND;
    }
    if (status >= 500) {
      return ErrorType.INTERNAL;
    }
    if (status >= 400) {
      return ErrorType.VALIDATION;
    }
    return sse && sseScanner.error() ? ErrorType.INTERNAL : ErrorType.NONE;
  }

  private void upstreamFailedBeforeHead(String reason) {
    if (upstreamHandler != null && upstreamHandler.reused() && !freshConnectionRetried) {
      // A pooled connection the replica had just closed: not the replica's fault, try once more.
      freshConnectionRetried = true;
      closeUpstream();
      attempt(upstream);
      return;
    }
    attemptFailed(reason, "upstream_failed");
  }

  /** The replica failed before answering: note it, then try another one or give up. */
  private void attemptFailed(String reason, String retryReason) {
    long now = System.nanoTime();
    Upstream failed = upstream;
    closeUpstream();
    recordFailure(failed, now);
    services.fleet().finished(failed);
    upstream = null;
    phase = Phase.NEW;
    if (!failures.isEmpty()) {
      failures.append("; ");
    }
    failures.append(failed).append(": ").append(reason);
    LOG.debug("request to {} failed before its response: {}", failed, reason);
    if (tried.size() < services.options().maxAttempts() && client.channel().isActive()) {
      services.metrics().retried(retryReason);
      attempt(null);
    } else {
      respondError(
          GatewayErrors.upstreamFailed(
              "The upstream replicas failed before answering (" + failures + ")."));
    }
  }

  /** The replica failed after the head went out: end the stream with an error event. */
  private void midStreamFailure(String reason, ErrorType errorType) {
    long now = System.nanoTime();
    Upstream failed = upstream;
    closeUpstream();
    recordFailure(failed, now);
    services.fleet().finished(failed);
    phase = Phase.DONE;
    LOG.warn("stream from {} broke after {} token events: {}", failed, tokens, reason);
    if (sse) {
      ApiError error =
          GatewayErrors.streamBroken("The upstream replica failed mid-stream: " + reason);
      byte[] json = error.toJson(services.mapper());
      byte[] event = new byte[6 + json.length + 2 + DONE_EVENT.length];
      System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
      System.arraycopy(json, 0, event, 6, json.length);
      event[6 + json.length] = '\n';
      event[7 + json.length] = '\n';
      System.arraycopy(DONE_EVENT, 0, event, 8 + json.length, DONE_EVENT.length);
      client.write(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
      ChannelFuture end = client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      if (!keepAlive) {
        end.addListener(ChannelFutureListener.CLOSE);
      }
    } else {
      client.close(); // a JSON body that has started cannot carry an error any more
    }
    unflushed = false;
    finish(errorType, now);
  }

  private void recordFailure(Upstream failed, long now) {
    if (failed.breaker().failed(now)) {
      services.metrics().ejected(failed);
      LOG.warn("upstream {} ejected by its circuit breaker after repeated failures", failed);
    }
  }

  private void respondError(ApiError error) {
    phase = Phase.DONE;
    ChannelFuture written =
        client.writeAndFlush(
            HttpResponses.error(client.alloc(), error, error.toJson(services.mapper()), keepAlive));
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    finish(ErrorType.of(error), System.nanoTime());
  }

  private void closeUpstream() {
    Channel channel = upstreamChannel;
    upstreamChannel = null;
    if (upstreamHandler != null) {
      upstreamHandler.detach();
      upstreamHandler = null;
    }
    if (channel != null) {
      channel.close();
    }
  }

  private void arm(Duration timeout) {
    if (timer != null) {
      timer.cancel(false);
    }
    timeoutNanos = timeout.toNanos();
    lastActivityNanos = System.nanoTime();
    timer = client.executor().schedule(this::onTimer, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Fires at the earliest possible timeout; reschedules itself while data keeps coming. */
  private void onTimer() {
    timer = null;
    if (phase != Phase.AWAITING_HEAD && phase != Phase.STREAMING) {
      return;
    }
    long silent = System.nanoTime() - lastActivityNanos;
    if (silent < timeoutNanos) {
      timer =
          client.executor().schedule(this::onTimer, timeoutNanos - silent, TimeUnit.NANOSECONDS);
      return;
    }
    Duration limit = Duration.ofNanos(timeoutNanos);
    if (phase == Phase.STREAMING) {
      midStreamFailure("no data for " + limit.toMillis() + " ms", ErrorType.RESPONSE_TIMEOUT);
    } else if (request.stream()) {
      attemptFailed(
          "no response within the first-byte timeout of " + limit.toMillis() + " ms",
          "first_byte_timeout");
    } else {
      // A non-streaming answer may still be generating: not safe to send it elsewhere.
      Upstream silentUpstream = upstream;
      closeUpstream();
      recordFailure(silentUpstream, System.nanoTime());
      services.fleet().finished(silentUpstream);
      respondError(
          GatewayErrors.upstreamTimeout(
              "The upstream replica " + silentUpstream + " did not answer within " + limit + "."));
    }
  }

  /** Records the request's metrics once, whatever ended it, and frees the connection handler. */
  private void finish(ErrorType errorType, long now) {
    phase = Phase.DONE;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    firstByte();
    metrics.inflight().dec();
    metrics.requestDuration().observe((now - arrivalNanos) / 1e9);
    services.metrics().requestEnded(request.model(), request.kind(), request.stream(), errorType);
    owner.exchangeEnded(this);
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown error";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
