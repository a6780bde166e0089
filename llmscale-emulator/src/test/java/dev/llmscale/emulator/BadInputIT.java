package dev.llmscale.emulator;

import static dev.llmscale.openai.testing.BadRequest.COMPLETIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.BadRequest;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request gets the right status and an OpenAI error body, and the server keeps
 * serving afterwards.
 */
@ExtendWith(NettyLeakCheck.class)
class BadInputIT {
  private static final int BODY_LIMIT = 64 * 1024;
  private static EmulatorServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.001))
                .maxRequestBodyBytes(BODY_LIMIT)
                .build());
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What every server refuses, and what the emulator alone does not serve. */
  static Stream<Arguments> cases() {
    return Stream.concat(
            BadRequest.common(BODY_LIMIT),
            Stream.of(
                BadRequest.post(
                    "n above one",
                    COMPLETIONS,
                    "{\"prompt\":\"hi\",\"n\":2}",
                    "n",
                    "unsupported_value",
                    "n=1")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAnOpenAiError(BadRequest c) throws Exception {
    c.assertAnswered(api.send(c.path(), c.method(), c.body(), "application/json"));
  }

  @AfterEach
  void stillServes() throws Exception {
    // Any content type is accepted, as vLLM does.
    HttpResponse<String> response =
        api.send(COMPLETIONS, "POST", "{\"prompt\":\"hi\",\"max_tokens\":2}", "text/plain");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }
}
