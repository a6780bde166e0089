package dev.llmscale.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestReaderTest {
  private static final PromptTokenizer TOKENIZER = PromptTokenizer.forEncoding("cl100k_base");
  private static final ServedModel MODEL = new ServedModel("m", 100);
  private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

  private final RequestReader reader =
      new RequestReader(new ObjectMapper(), TOKENIZER, requested -> model(requested, MODEL));

  private static ServedModel model(String requested, ServedModel served) {
    if (requested != null && !requested.equals(served.id())) {
      throw ApiError.modelNotFound(requested);
    }
    return served;
  }

  private static OpenAiRequest read(RequestReader reader, ApiKind kind, String json) {
    return reader.read(kind, json.getBytes(StandardCharsets.UTF_8));
  }

  private OpenAiRequest read(ApiKind kind, String json) {
    return read(reader, kind, json);
  }

  record Refusal(String name, ApiKind kind, String body, int status, String param, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> refusals() {
    ApiKind chat = ApiKind.CHAT;
    ApiKind completion = ApiKind.COMPLETION;
    return Stream.of(
            new Refusal("empty body", completion, "", 400, null, null),
            new Refusal("not an object", completion, "[1]", 400, null, null),
            new Refusal(
                "model not a string",
                chat,
                "{\"model\":7,\"messages\":" + HI + "}",
                400,
                "model",
                "invalid_type"),
            new Refusal(
                "unknown model",
                chat,
                "{\"model\":\"x\",\"messages\":" + HI + "}",
                404,
                "model",
                "model_not_found"),
            new Refusal(
                "n zero",
                completion,
                "{\"prompt\":\"a\",\"n\":0}",
                400,
                "n",
                "integer_below_min_value"),
            new Refusal(
                "stream_options not an object",
                completion,
                "{\"prompt\":\"a\",\"stream_options\":1}",
                400,
                "stream_options",
                "invalid_type"),
            new Refusal(
                "include_usage not a boolean",
                completion,
                "{\"prompt\":\"a\",\"stream_options\":{\"include_usage\":1}}",
                400,
                "include_usage",
                "invalid_type"),
            new Refusal(
                "ignore_eos not a boolean",
                completion,
                "{\"prompt\":\"a\",\"ignore_eos\":\"y\"}",
                400,
                "ignore_eos",
                "invalid_type"),
            new Refusal(
                "max_completion_tokens zero",
                chat,
                "{\"max_completion_tokens\":0,\"messages\":" + HI + "}",
                400,
                "max_completion_tokens",
                "integer_below_min_value"),
            new Refusal(
                "messages empty", chat, "{\"messages\":[]}", 400, "messages", "empty_array"),
            new Refusal(
                "message not an object",
                chat,
                "{\"messages\":[1]}",
                400,
                "messages[0]",
                "invalid_type"),
            new Refusal(
                "role not a string",
                chat,
                "{\"messages\":[{\"role\":1,\"content\":\"a\"}]}",
                400,
                "messages[0].role",
                "invalid_type"),
            new Refusal(
                "content a number",
                chat,
                "{\"messages\":[{\"role\":\"user\",\"content\":1}]}",
                400,
                "messages[0].content",
                "invalid_type"),
            new Refusal(
                "text part without text",
                chat,
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
                400,
                "messages[0].content[0].text",
                "invalid_type"),
            new Refusal(
                "content part not an object",
                chat,
                "{\"messages\":[{\"role\":\"user\",\"content\":[\"a\"]}]}",
                400,
                "messages[0].content[0]",
                "invalid_type"),
            new Refusal(
                "empty prompt", completion, "{\"prompt\":\"\"}", 400, "prompt", "invalid_value"),
            new Refusal(
                "prompt a number", completion, "{\"prompt\":1}", 400, "prompt", "invalid_type"),
            new Refusal(
                "negative token id",
                completion,
                "{\"prompt\":[1,-2]}",
                400,
                "prompt",
                "invalid_type"),
            new Refusal(
                "prompt fills the context",
                completion,
                "{\"prompt\":" + Collections.nCopies(100, 1) + "}",
                400,
                "prompt",
                "context_length_exceeded"),
            new Refusal(
                "huge max_tokens",
                completion,
                "{\"prompt\":\"a\",\"max_tokens\":99999999999999999999999}",
                400,
                "prompt",
                "context_length_exceeded"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithTheOpenAiError(Refusal refusal) {
    assertThatThrownBy(() -> read(refusal.kind(), refusal.body()))
        .isInstanceOfSatisfying(
            ApiError.class,
            error -> {
              assertThat(error.status().code()).isEqualTo(refusal.status());
              assertThat(error.param()).isEqualTo(refusal.param());
              assertThat(error.code()).isEqualTo(refusal.code());
            });
  }

  @Test
  void readsWhatServingAndRoutingNeed() {
    OpenAiRequest request =
        read(
            ApiKind.CHAT,
            "{\"messages\":"
                + HI
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"ignore_eos\":true,\"max_tokens\":5,\"max_completion_tokens\":7}");

    assertThat(request.model()).isEqualTo("m");
    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
    assertThat(request.ignoreEos()).isTrue();
    assertThat(request.maxTokens()).hasValue(7);
    assertThat(request.prompt()).containsExactly(TOKENIZER.chat(List.of(chat("user", "hi"))));
  }

  @Test
  void unsetAndNullParametersTakeTheirDefaults() {
    OpenAiRequest request =
        read(ApiKind.COMPLETION, "{\"prompt\":\"a\",\"stream\":null,\"max_tokens\":null}");

    assertThat(request.stream()).isFalse();
    assertThat(request.includeUsage()).isFalse();
    assertThat(request.maxTokens()).isEmpty();
  }

  @Test
  void contextLengthMessagesNameWhatToShorten() {
    assertThatThrownBy(() -> read(ApiKind.CHAT, "{\"max_tokens\":95,\"messages\":" + HI + "}"))
        .hasMessageStartingWith(
            "This model's maximum context length is 100 tokens. However, you requested ")
        .hasMessageContaining("in the messages, 95 in the completion)")
        .hasMessageEndingWith("Please reduce the length of the messages or completion.");
  }

  @Test
  void anUnknownContextLengthIsLeftToTheEngine() {
    RequestReader unknownLength =
        new RequestReader(new ObjectMapper(), TOKENIZER, requested -> new ServedModel("m", 0));

    OpenAiRequest request =
        read(unknownLength, ApiKind.COMPLETION, "{\"prompt\":\"a\",\"max_tokens\":1000000}");

    assertThat(request.maxTokens()).hasValue(1_000_000);
  }

  @Test
  void byDefaultWhatOnlyAnEngineCanJudgePassesThrough() {
    assertThat(read(ApiKind.COMPLETION, "{\"prompt\":\"a\",\"n\":3}").model()).isEqualTo("m");
    OpenAiRequest withImage =
        read(
            ApiKind.CHAT,
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}");
    assertThat(withImage.prompt())
        .containsExactly(read(ApiKind.CHAT, "{\"messages\":" + HI + "}").prompt());
    OpenAiRequest batch = read(ApiKind.COMPLETION, "{\"prompt\":[\"a b\",\"c\"]}");
    assertThat(batch.prompt()).containsExactly(TOKENIZER.text("a b"));
  }

  @Test
  void aPolicyRefusesWhatItsEngineCannotServe() {
    List<String> asked = new ArrayList<>();
    RequestPolicy strict =
        new RequestPolicy() {
          @Override
          public ServedModel model(String requested) {
            asked.add("model " + requested);
            return MODEL;
          }

          @Override
          public void checkChoices(long n) {
            asked.add("n " + n);
          }

          @Override
          public void otherContentPart(String where, JsonNode part) {
            throw ApiError.unsupported(where, "no " + part.path("type").asText());
          }

          @Override
          public void batchedPrompts(int count) {
            throw ApiError.unsupported("prompt", count + " prompts");
          }
        };
    RequestReader reader = new RequestReader(new ObjectMapper(), TOKENIZER, strict);

    read(reader, ApiKind.COMPLETION, "{\"prompt\":\"a\",\"n\":0}");
    assertThatThrownBy(
            () ->
                read(
                    reader,
                    ApiKind.CHAT,
                    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}"))
        .hasMessage("no audio");
    assertThatThrownBy(() -> read(reader, ApiKind.COMPLETION, "{\"prompt\":[[1],[2],[3]]}"))
        .hasMessage("3 prompts");
    assertThat(asked).containsExactly("model null", "n 0", "model null", "model null");
  }

  @Test
  void theModelIsCheckedBeforeTheParameters() {
    assertThatThrownBy(
            () -> read(ApiKind.COMPLETION, "{\"model\":\"x\",\"prompt\":\"a\",\"stream\":1}"))
        .hasMessage("The model `x` does not exist.");
  }

  private static PromptTokenizer.ChatMessage chat(String role, String content) {
    return new PromptTokenizer.ChatMessage(role, content);
  }
}
