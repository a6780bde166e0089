package dev.llmscale.emulator;

import dev.llmscale.openai.ApiConnectionHandler;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.HttpResponses;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API of one connection: {@code /health}, {@code /metrics}, {@code
 * /v1/models} and the generation endpoints. Generation requests are parsed and tokenized on the
 * tokenizer pool, then handed to the engine, whose tokens come back through {@link
 * GenerationStream}. Every method runs on the connection's event loop and none blocks; the body is
 * copied out before it goes to the pool.
 */
final class HttpApiHandler extends ApiConnectionHandler implements GenerationStream.Owner {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
  private static final byte[] EMPTY = new byte[0];

  private final ApiServices services;
  private GenerationStream current;

  HttpApiHandler(ApiServices services) {
    super(services.responses().mapper());
    this.services = services;
    get("/health", (request, keepAlive) -> health(keepAlive));
    get("/v1/models", (request, keepAlive) -> models(keepAlive));
    get("/metrics", (request, keepAlive) -> metrics(keepAlive));
    for (ApiKind kind : ApiKind.values()) {
      post(kind.path(), (request, keepAlive) -> generate(kind, request, keepAlive));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null && current.disconnected()) {
      // Frees the request's KV blocks; the engine drops it wherever it is.
      services.engine().cancel(current);
      services.gate().release();
    }
    current = null;
    super.channelInactive(ctx);
  }

  @Override
  public void responseEnded(GenerationStream stream) {
    if (stream == current) {
      current = null;
      services.gate().release();
      requestDone();
    }
  }

  private void health(boolean keepAlive) {
    if (services.gate().healthy()) {
      respond(HttpResponseStatus.OK, HttpResponses.TEXT, EMPTY, keepAlive);
    } else {
      respondError(
          ApiError.unavailable(
              services.gate().draining() ? "The server is draining." : "Not ready."),
          keepAlive);
    }
  }

  private void metrics(boolean keepAlive) {
    EngineMetrics metrics = services.metrics();
    respond(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape(), keepAlive);
  }

  private void models(boolean keepAlive) {
    if (!services.gate().loaded()) {
      respondError(ApiError.unavailable("The model is still loading."), keepAlive);
      return;
    }
    EmulatorOptions options = services.options();
    respond(
        HttpResponseStatus.OK,
        HttpResponses.JSON,
        services
            .responses()
            .models(
                options.servedModelName(),
                options.model().name(),
                services.startedEpochSeconds(),
                options.engineConfig().maxModelLen()),
        keepAlive);
  }

  private void generate(ApiKind kind, FullHttpRequest request, boolean keepAlive) {
    ApiError refusal = services.gate().refusal();
    if (refusal != null) {
      respondError(refusal, keepAlive);
      return;
    }
    long arrivalNanos = System.nanoTime();
    byte[] body = ByteBufUtil.getBytes(request.content());
    services.gate().acquire();
    try {
      services
          .tokenizerPool()
          .execute(
              () -> {
                GenerationRequest parsed = null;
                ApiError error = null;
                try {
                  parsed = services.parser().parse(kind, body);
                } catch (ApiError e) {
                  error = e;
                } catch (RuntimeException e) {
                  LOG.warn("failed to prepare a {} request", kind, e);
                  error = ApiError.internal("Failed to prepare the request: " + e);
                }
                GenerationRequest ready = parsed;
                ApiError failure = error;
                ctx().executor().execute(() -> admit(ready, failure, arrivalNanos, keepAlive));
              });
    } catch (RejectedExecutionException e) {
      services.gate().release();
      respondError(ApiError.unavailable("The server is shutting down."), keepAlive);
    }
  }

  /** Back on the event loop with a prepared request (or the reason it was refused). */
  private void admit(
      GenerationRequest request, ApiError error, long arrivalNanos, boolean keepAlive) {
    ChannelHandlerContext ctx = ctx();
    if (!ctx.channel().isActive()) {
      services.gate().release(); // the client left while its prompt was tokenized
      return;
    }
    if (error != null) {
      services.gate().release();
      respondError(error, keepAlive);
      return;
    }
    GenerationStream stream =
        new GenerationStream(
            ctx,
            request,
            newId(request.kind()),
            System.currentTimeMillis() / 1000,
            arrivalNanos,
            services.loopIndex().get(ctx.channel().eventLoop()),
            keepAlive,
            services.responses(),
            services.tokenTiming(),
            this);
    current = stream;
    stream.start();
    services.engine().submit(stream, stream.engineRequest());
  }

  private static String newId(ApiKind kind) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return kind.idPrefix() + hex(random.nextLong()) + hex(random.nextLong());
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
