package dev.llmscale.emulator;

import dev.llmscale.core.engine.EngineRequest;
import dev.llmscale.core.engine.TokenEvent;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.HttpResponses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * One request's response on its connection. Created and written on the connection's event loop; the
 * engine thread only reads its immutable fields and owns {@link #lastTokenNanos}.
 */
final class GenerationStream {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  /** Told when the response is complete, so the connection can take its next request. */
  interface Owner {
    void responseEnded(GenerationStream stream);
  }

  private final ChannelHandlerContext ctx;

  /** The HTTP codec's context: writes from it bypass the encoder. */
  private final ChannelHandlerContext rawOut;

  private final GenerationRequest request;
  private final String id;
  private final long createdSeconds;
  private final long arrivalNanos;
  private final int loopIndex;
  private final boolean keepAlive;
  private final SseChunks chunks;
  private final JsonResponses responses;
  private final TokenTiming tokenTiming;
  private final Owner owner;

  /** Engine thread only: when the engine took the request in. */
  long queuedNanos;

  /** Engine thread only: when the previous token of this request was produced. */
  long lastTokenNanos;

  /** Event loop only: the response is complete or the client is gone. */
  private boolean ended;

  /** Event loop only: emit lag of the previous streamed token, -1 before the first. */
  private long previousLagNanos = -1;

  GenerationStream(
      ChannelHandlerContext ctx,
      GenerationRequest request,
      String id,
      long createdSeconds,
      long arrivalNanos,
      int loopIndex,
      boolean keepAlive,
      JsonResponses responses,
      TokenTiming tokenTiming,
      Owner owner) {
    this.ctx = ctx;
    this.rawOut = ctx.pipeline().context(HttpServerCodec.class);
    this.request = request;
    this.id = id;
    this.createdSeconds = createdSeconds;
    this.arrivalNanos = arrivalNanos;
    this.loopIndex = loopIndex;
    this.keepAlive = keepAlive;
    this.chunks =
        request.stream()
            ? new SseChunks(request.kind(), id, createdSeconds, request.model())
            : null;
    this.responses = responses;
    this.tokenTiming = tokenTiming;
    this.owner = owner;
  }

  String id() {
    return id;
  }

  int loopIndex() {
    return loopIndex;
  }

  long arrivalNanos() {
    return arrivalNanos;
  }

  boolean streaming() {
    return request.stream();
  }

  EngineRequest engineRequest() {
    return new EngineRequest(
        id,
        request.promptTokens(),
        request.blockHashes(),
        request.maxTokens(),
        arrivalNanos,
        request.endsWithStop());
  }

  /** Sends the SSE head at once, so clients see the stream accepted while it queues. */
  void start() {
    if (request.stream()) {
      ctx.writeAndFlush(HttpResponses.eventStreamHead(keepAlive));
    }
  }

  /** Writes one token (all of a non-streaming response on its last token) and flushes once. */
  void emit(TokenEvent token) {
    if (ended) {
      return;
    }
    if (request.stream()) {
      ByteBuf chunk =
          chunks.httpChunk(
              ctx.alloc(),
              token.index(),
              token.finishReason(),
              request.includeUsage(),
              request.promptTokens());
      // The chunk is framed already: write it from the codec's context so it skips the HTTP
      // encoder (one buffer, one iovec, no per-token wrapper or promise). The response head and
      // the terminating chunk still go through the encoder, which keeps its state right for the
      // next response on the connection.
      rawOut.write(chunk, rawOut.voidPromise());
      ChannelFuture lastWrite = null;
      if (token.last()) {
        lastWrite = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } else {
        rawOut.flush();
      }
      previousLagNanos =
          tokenTiming.flushed(token.timeNanos(), System.nanoTime(), previousLagNanos);
      if (lastWrite != null) {
        end(lastWrite);
      }
    } else if (token.last()) {
      byte[] body =
          responses.completion(
              request, id, createdSeconds, token.index() + 1, token.finishReason());
      end(
          ctx.writeAndFlush(
              HttpResponses.full(
                  ctx.alloc(), HttpResponseStatus.OK, HttpResponses.JSON, body, keepAlive)));
    }
  }

  /** Ends the response with an error: a JSON error before the stream's head, an SSE event after. */
  void fail(ApiError error) {
    if (ended) {
      return;
    }
    ChannelFuture written;
    if (request.stream()) {
      byte[] event = responses.errorEvent(error);
      ByteBuf buf = ctx.alloc().buffer(event.length + 16);
      buf.writeBytes(event).writeBytes(DONE);
      written = ctx.writeAndFlush(new DefaultLastHttpContent(buf));
    } else {
      written =
          ctx.writeAndFlush(
              HttpResponses.error(ctx.alloc(), error, error.toJson(responses.mapper()), keepAlive));
    }
    end(written);
  }

  /** Cuts the connection (drain timeout, engine stop); the owner sees the disconnect. */
  void abort() {
    if (!ended) {
      ctx.close();
    }
  }

  /**
   * The client went away.
   *
   * @return true if the response was still open, so the engine must drop the request
   */
  boolean disconnected() {
    if (ended) {
      return false;
    }
    ended = true;
    return true;
  }

  private void end(ChannelFuture lastWrite) {
    ended = true;
    if (!keepAlive) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
    }
    owner.responseEnded(this);
  }
}
