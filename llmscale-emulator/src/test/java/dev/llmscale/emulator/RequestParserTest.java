package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.kv.BlockHashes;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.PromptTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestParserTest {
  private static final int MAX_MODEL_LEN = 1000;
  private static final PromptTokenizer TOKENIZER = PromptTokenizer.forEncoding("cl100k_base");
  private final RequestParser parser =
      new RequestParser(new ObjectMapper(), TOKENIZER, "m", MAX_MODEL_LEN, 64, 16);

  private GenerationRequest parse(ApiKind kind, String json) {
    return parser.parse(kind, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void chatPromptsCountTemplateMarkersAndContent() {
    GenerationRequest one =
        parse(ApiKind.CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}");
    GenerationRequest two =
        parse(
            ApiKind.CHAT,
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello there\"}]}");

    // <|im_start|> user\nHello there <|im_end|> \n <|im_start|> assistant\n
    assertThat(one.promptTokens())
        .isEqualTo(2 + TOKENIZER.text("user\nHello there").length + 1 + 1 + 2);
    assertThat(two.promptTokens()).isGreaterThan(one.promptTokens());
    assertThat(one.model()).isEqualTo("m");
  }

  @Test
  void tokenIdPromptsHashTheirFullBlocks() {
    int[] ids = IntStream.range(0, 40).toArray();
    GenerationRequest request =
        parse(ApiKind.COMPLETION, "{\"prompt\":" + java.util.Arrays.toString(ids) + "}");

    assertThat(request.promptTokens()).isEqualTo(40);
    assertThat(request.blockHashes()).containsExactly(BlockHashes.ofTokens(ids, 16));
  }

  @Test
  void outputLengthFollowsMaxTokensOrTheDefaultOrTheContextEnd() {
    GenerationRequest explicit = parse(ApiKind.COMPLETION, "{\"prompt\":\"hi\",\"max_tokens\":9}");
    assertThat(explicit.maxTokens()).isEqualTo(9);
    assertThat(explicit.endsWithStop()).isFalse();

    GenerationRequest byDefault = parse(ApiKind.COMPLETION, "{\"prompt\":\"hi\"}");
    assertThat(byDefault.maxTokens()).isEqualTo(64);
    assertThat(byDefault.endsWithStop()).isTrue();

    GenerationRequest ignoreEos =
        parse(ApiKind.COMPLETION, "{\"prompt\":\"hi\",\"ignore_eos\":true}");
    assertThat(ignoreEos.maxTokens()).isEqualTo(MAX_MODEL_LEN - 1);
    assertThat(ignoreEos.endsWithStop()).isFalse();

    GenerationRequest nearTheEnd =
        parse(ApiKind.COMPLETION, "{\"prompt\":" + java.util.Arrays.toString(new int[990]) + "}");
    assertThat(nearTheEnd.maxTokens()).isEqualTo(10);
  }

  @Test
  void maxCompletionTokensWinsForChat() {
    GenerationRequest request =
        parse(
            ApiKind.CHAT,
            "{\"max_tokens\":5,\"max_completion_tokens\":7,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(request.maxTokens()).isEqualTo(7);
  }

  @Test
  void streamOptionsAskForUsage() {
    GenerationRequest request =
        parse(
            ApiKind.COMPLETION,
            "{\"prompt\":\"x\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
  }

  @Test
  void rejectsWhatVllmRejects() {
    assertThatThrownBy(() -> parse(ApiKind.COMPLETION, "{\"prompt\":\"\"}"))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> parse(ApiKind.COMPLETION, "{\"prompt\":[\"a\",\"b\"]}"))
        .hasMessageContaining("Batched prompts");
    assertThatThrownBy(() -> parse(ApiKind.COMPLETION, "{\"prompt\":[1,-2]}"))
        .hasMessageContaining("token ids");
    assertThatThrownBy(() -> parse(ApiKind.COMPLETION, "{\"prompt\":\"x\",\"max_tokens\":1e30}"))
        .hasMessageContaining("expected an integer");
    assertThatThrownBy(
            () ->
                parse(
                    ApiKind.COMPLETION,
                    "{\"prompt\":\"x\",\"max_tokens\":99999999999999999999999}"))
        .hasMessageContaining("maximum context length is 1000 tokens");
    assertThatThrownBy(
            () ->
                parse(
                    ApiKind.COMPLETION,
                    "{\"prompt\":" + java.util.Arrays.toString(new int[1000]) + "}"))
        .hasMessageContaining("your request has 1000 input tokens");
    assertThatThrownBy(
            () ->
                parse(
                    ApiKind.CHAT,
                    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}"))
        .hasMessageContaining("only text content parts");
  }
}
