package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.ApiError;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorTypeTest {
  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(ApiError.malformedJson("eof"), ErrorType.VALIDATION),
        Arguments.of(ApiError.missing("prompt"), ErrorType.VALIDATION),
        Arguments.of(ApiError.contextLengthExceeded("too long", "prompt"), ErrorType.VALIDATION),
        Arguments.of(ApiError.methodNotAllowed("GET", "/v1/completions"), ErrorType.VALIDATION),
        Arguments.of(ApiError.bodyTooLarge(1024), ErrorType.VALIDATION),
        Arguments.of(ApiError.modelNotFound("gpt-9"), ErrorType.NOT_FOUND),
        Arguments.of(ApiError.unknownUrl("POST", "/v1/embeddings"), ErrorType.NOT_FOUND),
        Arguments.of(GatewayErrors.noReplicas("none"), ErrorType.UNAVAILABLE),
        Arguments.of(GatewayErrors.shuttingDown(), ErrorType.UNAVAILABLE),
        Arguments.of(GatewayErrors.upstreamFailed("refused"), ErrorType.UNAVAILABLE),
        Arguments.of(GatewayErrors.upstreamTimeout("silent"), ErrorType.RESPONSE_TIMEOUT),
        Arguments.of(
            GatewayErrors.overloaded(HttpResponseStatus.TOO_MANY_REQUESTS, "busy", 2),
            ErrorType.OVERLOAD),
        Arguments.of(
            GatewayErrors.overloaded(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", 2),
            ErrorType.OVERLOAD),
        Arguments.of(ApiError.internal("bug"), ErrorType.INTERNAL));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("errors")
  void labelsARefusalByItsOpenAiCode(ApiError error, ErrorType expected) {
    assertThat(ErrorType.of(error)).isEqualTo(expected);
  }
}
