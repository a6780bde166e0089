package dev.llmscale.loadgen;

import dev.llmscale.core.workload.RequestTimeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One request on the wire, from the moment it is sent until its record is handed over: takes a
 * connection, writes the request, stamps every streamed chunk that carries output, enforces the
 * client timeouts, and classifies failures. Confined to one event loop; {@code done} runs there
 * exactly once.
 *
 * <p>A reused keep-alive connection that the server had already closed fails before any response
 * byte; such a request is sent once more on a new connection (its start time stays).
 */
final class Exchange {
  private static final int MAX_ERROR_BODY = 4096;
  private static final int MAX_BODY = 64 << 20;
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final OpenAiClient client;
  private final ConnectionPool pool;
  private final EventLoop loop;
  private final PreparedRequest request;
  private final long scheduledNanos;
  private final Consumer<RequestRecord> done;
  private final boolean streaming;

  private final SseLineReader sse = new SseLineReader();
  private final ResponseParser parser = new ResponseParser();
  private final ResponseParser.Part part = new ResponseParser.Part();
  private final StringBuilder text = new StringBuilder();
  private long[] responses;
  private int responseCount;
  private byte[] body = new byte[0];
  private int bodyLength;

  private long startNanos;
  private long nowNanos;
  private Channel channel;
  private ExchangeHandler handler;
  private boolean reused;
  private boolean retried;
  private boolean anyResponse;
  private boolean ended;
  private boolean finished;
  private int status;
  private boolean keepAlive;
  private boolean eventStream;
  private int usagePrompt = -1;
  private int usageCompletion = -1;
  private String finishReason;
  private String streamError;
  private ScheduledFuture<?> requestTimeout;
  private ScheduledFuture<?> firstTokenTimeout;

  Exchange(
      OpenAiClient client,
      ConnectionPool pool,
      EventLoop loop,
      PreparedRequest request,
      long scheduledNanos,
      Consumer<RequestRecord> done) {
    this.client = client;
    this.pool = pool;
    this.loop = loop;
    this.request = request;
    this.scheduledNanos = scheduledNanos;
    this.done = done;
    this.streaming = client.endpoint().streaming();
    this.responses = new long[Math.min(request.maxTokens(), 1024) + 2]; // grows if needed
  }

  void start() {
    startNanos = System.nanoTime();
    Endpoint.ClientTimeouts timeouts = client.endpoint().timeouts();
    requestTimeout =
        loop.schedule(
            () -> timeOut("no complete response within " + timeouts.request()),
            timeouts.request().toNanos(),
            TimeUnit.NANOSECONDS);
    timeouts
        .firstToken()
        .ifPresent(
            limit ->
                firstTokenTimeout =
                    loop.schedule(
                        () -> {
                          if (responseCount == 0) {
                            timeOut("no first token within " + limit);
                          }
                        },
                        limit.toNanos(),
                        TimeUnit.NANOSECONDS));
    pool.acquire(this);
  }

  /** Ends the request now, as the run's grace period ran out. */
  void cancel() {
    finish(ErrorKind.CANCELLED, "still running when the run ended", System.nanoTime());
  }

  boolean finished() {
    return finished;
  }

  void onChannel(Channel connection, boolean wasReused) {
    if (finished) {
      pool.release(connection);
      return;
    }
    channel = connection;
    reused = wasReused;
    handler = connection.pipeline().get(ExchangeHandler.class);
    handler.bind(this);
    connection
        .writeAndFlush(httpRequest())
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                onConnectionLost(connection, f.cause());
              }
            });
  }

  void onConnectFailed(Throwable cause) {
    finish(ErrorKind.CONNECT_FAILED, describe(cause), System.nanoTime());
  }

  void onConnectionLost(Channel connection, Throwable cause) {
    if (finished || connection != channel) {
      return;
    }
    if (reused && !anyResponse && !retried) {
      retried = true;
      handler.unbind();
      channel = null;
      connection.close();
      pool.connect(this);
      return;
    }
    long now = System.nanoTime();
    if (cause == null) {
      finish(ErrorKind.CONNECTION_CLOSED, "server closed the connection " + progress(), now);
    } else if (cause instanceof DecoderException) {
      finish(ErrorKind.PROTOCOL, "malformed HTTP response: " + describe(cause), now);
    } else if (cause instanceof IOException) {
      finish(ErrorKind.CONNECTION_RESET, describe(cause) + " " + progress(), now);
    } else {
      finish(ErrorKind.PROTOCOL, describe(cause), now);
    }
  }

  void onHttpObject(HttpObject object, long now) {
    if (finished) {
      return;
    }
    anyResponse = true;
    nowNanos = now;
    if (object.decoderResult().isFailure()) {
      finish(
          ErrorKind.PROTOCOL,
          "malformed HTTP response: " + describe(object.decoderResult().cause()),
          now);
      return;
    }
    if (object instanceof HttpResponse response) {
      status = response.status().code();
      keepAlive = HttpUtil.isKeepAlive(response);
      String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      eventStream = type.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }
    if (object instanceof HttpContent content) {
      ByteBuf bytes = content.content();
      if (status == 200 && eventStream) {
        sse.feed(bytes, this::onEvent);
      } else {
        collect(bytes, status == 200 ? MAX_BODY : MAX_ERROR_BODY);
      }
      if (!finished && object instanceof LastHttpContent) {
        ended = true;
        onEnd(now);
      }
    }
  }

  private void onEvent(byte[] payload, int offset, int length) {
    if (finished) {
      return;
    }
    if (length == DONE.length
        && Arrays.equals(payload, offset, offset + length, DONE, 0, DONE.length)) {
      return;
    }
    try {
      parser.parse(payload, offset, length, part);
    } catch (IOException e) {
      finish(
          ErrorKind.PROTOCOL,
          "bad SSE event: "
              + new String(payload, offset, Math.min(length, 200), StandardCharsets.UTF_8),
          nowNanos);
      return;
    }
    absorb(part);
    if (!part.text.isEmpty()) {
      if (responseCount == responses.length) {
        responses = Arrays.copyOf(responses, responses.length * 2);
      }
      responses[responseCount++] = nowNanos;
    }
  }

  private void absorb(ResponseParser.Part p) {
    text.append(p.text);
    if (p.finishReason != null) {
      finishReason = p.finishReason;
    }
    if (p.promptTokens >= 0) {
      usagePrompt = p.promptTokens;
    }
    if (p.completionTokens >= 0) {
      usageCompletion = p.completionTokens;
    }
    if (p.error != null && streamError == null) {
      streamError = p.error;
    }
  }

  private void onEnd(long now) {
    if (status != 200) {
      finish(ErrorKind.HTTP_STATUS, errorMessage(), now);
      return;
    }
    if (eventStream) {
      sse.end(this::onEvent);
      if (finished) {
        return;
      }
    } else {
      try {
        parser.parse(body, bodyLength, part);
      } catch (IOException e) {
        finish(ErrorKind.PROTOCOL, "response is not JSON: " + preview(), now);
        return;
      }
      absorb(part);
      if (streaming && !part.text.isEmpty()) {
        // Asked to stream, got one JSON body: it is the only response.
        responses[responseCount++] = now;
      } else if (!streaming) {
        responses[responseCount++] = now;
      }
    }
    if (streamError != null) {
      finish(ErrorKind.STREAM_ERROR, streamError, now);
    } else {
      finish(null, null, now);
    }
  }

  private void timeOut(String message) {
    finish(ErrorKind.TIMEOUT, message + " " + progress(), System.nanoTime());
  }

  private void finish(ErrorKind error, String message, long endNanos) {
    if (finished) {
      return;
    }
    finished = true;
    if (requestTimeout != null) {
      requestTimeout.cancel(false);
    }
    if (firstTokenTimeout != null) {
      firstTokenTimeout.cancel(false);
    }
    if (channel != null) {
      handler.unbind();
      if (error == null && ended && keepAlive) {
        pool.release(channel);
      } else {
        channel.close();
      }
    }
    int outputTokens;
    if (usageCompletion >= 0) {
      outputTokens = usageCompletion;
    } else if (error == null && !text.isEmpty()) {
      outputTokens = client.countTokens(text.toString());
    } else {
      outputTokens = responseCount;
    }
    long end = Math.max(endNanos, responseCount > 0 ? responses[responseCount - 1] : startNanos);
    RequestTimeline timeline =
        new RequestTimeline(
            streaming, startNanos, Arrays.copyOf(responses, responseCount), end, outputTokens);
    done.accept(
        new RequestRecord(
            request.index(),
            scheduledNanos,
            request.inputTokens(),
            usagePrompt,
            request.maxTokens(),
            request.sharedPrefixId(),
            status,
            error,
            message,
            finishReason,
            timeline));
  }

  private FullHttpRequest httpRequest() {
    Endpoint endpoint = client.endpoint();
    FullHttpRequest http =
        request.isProbe()
            ? new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, endpoint.path("/v1/models"))
            : new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                endpoint.requestPath(),
                // Direct, so the write needs no further copy; the request owns and frees it.
                channel.alloc().ioBuffer(request.body().length).writeBytes(request.body()));
    http.headers()
        .set(HttpHeaderNames.HOST, endpoint.hostHeader())
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, request.body().length)
        .set(
            HttpHeaderNames.ACCEPT,
            streaming ? "text/event-stream" : HttpHeaderValues.APPLICATION_JSON.toString())
        .set(HttpHeaderNames.USER_AGENT, "llmscale-loadgen");
    endpoint
        .apiKey()
        .ifPresent(key -> http.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key));
    return http;
  }

  private void collect(ByteBuf bytes, int limit) {
    int n = Math.min(bytes.readableBytes(), limit - bodyLength);
    if (n <= 0) {
      return;
    }
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.min(limit, body.length * 2 + 256)));
    }
    bytes.getBytes(bytes.readerIndex(), body, bodyLength, n);
    bodyLength += n;
  }

  private String errorMessage() {
    if (bodyLength > 0) {
      try {
        parser.parse(body, bodyLength, part);
        if (part.error != null) {
          return part.error;
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
    }
    return bodyLength == 0 ? "HTTP " + status : preview();
  }

  private String preview() {
    return new String(body, 0, Math.min(bodyLength, 300), StandardCharsets.UTF_8).strip();
  }

  private String progress() {
    return "(after " + responseCount + " responses)";
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown";
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
