package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streaming and non-streaming generation over real HTTP, against a 20 ms-per-step engine. */
@ExtendWith(NettyLeakCheck.class)
class GenerationApiIT {
  private static final double STEP_SECONDS = 0.020;
  private static EmulatorServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(STEP_SECONDS))
                .defaultOutputTokens(7)
                .build());
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void streamsChatWithRoleContentFinishUsageAndDone() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream(
            "/v1/chat/completions",
            """
            {"model":"test-model","stream":true,"max_tokens":10,
             "stream_options":{"include_usage":true},
             "messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":"Tell me about autoscaling."}]}
            """);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).hasValueSatisfying(t -> t.startsWith("text/event-stream"));
    List<ApiClient.Event> events = response.events();
    // role + 10 tokens + usage + [DONE]
    assertThat(events).hasSize(13);
    assertThat(events.get(events.size() - 1).done()).isTrue();

    JsonNode role = events.get(0).json();
    String id = role.get("id").asText();
    assertThat(id).startsWith("chatcmpl-");
    assertThat(role.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(role.get("model").asText()).isEqualTo("test-model");
    assertThat(role.get("created").asLong())
        .isCloseTo(System.currentTimeMillis() / 1000, within(5L));
    assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");

    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      JsonNode chunk = events.get(i).json();
      assertThat(chunk.get("id").asText()).isEqualTo(id);
      assertThat(chunk.at("/choices/0/delta/content").isTextual()).isTrue();
      text.append(chunk.at("/choices/0/delta/content").asText());
      JsonNode finish = chunk.at("/choices/0/finish_reason");
      if (i < 10) {
        assertThat(finish.isNull()).as("finish_reason of token %d", i).isTrue();
      } else {
        assertThat(finish.asText()).isEqualTo("length");
      }
    }
    assertThat(text.toString()).isEqualTo(FillerText.text(10));

    JsonNode usage = events.get(11).json();
    assertThat(usage.get("choices").isEmpty()).isTrue();
    int prompt = usage.at("/usage/prompt_tokens").asInt();
    assertThat(prompt).isBetween(15, 40);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(10);
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(prompt + 10);
  }

  @Test
  void streamsTokensAtThePaceOfThePerformanceModel() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream(
            "/v1/completions",
            """
            {"model":"test-model","stream":true,"max_tokens":10,"prompt":"Once upon a time"}
            """);

    List<ApiClient.Event> tokens = response.events().subList(0, 10);
    // Nine decode steps of 20 ms separate the first and the tenth token.
    double spread = (tokens.get(9).nanos() - tokens.get(0).nanos()) / 1e9;
    assertThat(spread).isCloseTo(9 * STEP_SECONDS, within(0.030));
  }

  @Test
  void streamsCompletionsWithTextChunksWithoutUsageByDefault() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream(
            "/v1/completions",
            """
            {"model":"test-model","stream":true,"max_tokens":5,"prompt":"Hello"}
            """);

    List<ApiClient.Event> events = response.events();
    assertThat(events).hasSize(6);
    assertThat(events.get(5).done()).isTrue();
    for (int i = 0; i < 5; i++) {
      JsonNode chunk = events.get(i).json();
      assertThat(chunk.get("id").asText()).startsWith("cmpl-");
      assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
      assertThat(chunk.at("/choices/0/text").asText()).isNotEmpty();
      assertThat(chunk.has("usage")).isFalse();
    }
    assertThat(events.get(4).json().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    // SSE framing: every event is followed by a blank line.
    assertThat(response.raw()).containsSubsequence("data: [DONE]", "");
  }

  @Test
  void answersChatInOneJsonBodyWhenNotStreaming() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/v1/chat/completions",
            """
            {"model":"test-model","max_completion_tokens":12,
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi there"}]}]}
            """);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = ApiClient.json(response);
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(FillerText.text(12));
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
    assertThat(body.at("/usage/total_tokens").asInt())
        .isEqualTo(body.at("/usage/prompt_tokens").asInt() + 12);
  }

  @Test
  void countsTokenIdPromptsAsGivenAndStopsAtTheDefaultLengthWithoutMaxTokens() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/v1/completions",
            """
            {"prompt":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}
            """);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = ApiClient.json(response);
    assertThat(body.get("model").asText()).isEqualTo("test-model");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(20);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/choices/0/text").asText()).isEqualTo(FillerText.text(7));
  }

  @Test
  void listsTheServedModelWithItsContextLength() throws Exception {
    HttpResponse<String> response = api.get("/v1/models");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = ApiClient.json(response);
    assertThat(body.get("object").asText()).isEqualTo("list");
    JsonNode model = body.at("/data/0");
    assertThat(model.get("id").asText()).isEqualTo("test-model");
    assertThat(model.get("object").asText()).isEqualTo("model");
    assertThat(model.get("root").asText()).isEqualTo("Qwen/Qwen3-0.6B");
    assertThat(model.get("max_model_len").asInt()).isEqualTo(TestServers.MAX_MODEL_LEN);
  }

  @Test
  void reusesKeptAliveConnections() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/health").statusCode()).isEqualTo(200);
      assertThat(api.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":2}").statusCode())
          .isEqualTo(200);
    }
  }
}
