package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private final ResponseParser parser = new ResponseParser();
  private final ResponseParser.Part part = new ResponseParser.Part();

  @Test
  void chatDeltaWithRoleOnlyHasNoText() throws IOException {
    parse(
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");

    assertThat(part.text).isEmpty();
    assertThat(part.finishReason).isNull();
  }

  @Test
  void chatDeltaContentAndReasoningCountAsText() throws IOException {
    parse(
        "{\"choices\":[{\"delta\":{\"content\":\" The \\\"x\\\"\"},\"finish_reason\":\"length\"}]}");
    assertThat(part.text.toString()).isEqualTo(" The \"x\"");
    assertThat(part.finishReason).isEqualTo("length");

    parse("{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\",\"content\":null}}]}");
    assertThat(part.text.toString()).isEqualTo("hmm");
  }

  @Test
  void completionTextAndUsage() throws IOException {
    parse(
        "{\"choices\":[{\"index\":0,\"text\":\" engine\",\"logprobs\":null,"
            + "\"finish_reason\":null,\"stop_reason\":null}],\"usage\":null}");
    assertThat(part.text.toString()).isEqualTo(" engine");
    assertThat(part.completionTokens).isEqualTo(-1);

    parse(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":3000,\"total_tokens\":3250,"
            + "\"completion_tokens\":250,\"prompt_tokens_details\":null}}");
    assertThat(part.text).isEmpty();
    assertThat(part.promptTokens).isEqualTo(3000);
    assertThat(part.completionTokens).isEqualTo(250);
  }

  @Test
  void nonStreamingMessageAndErrors() throws IOException {
    parse(
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a b c\"},"
            + "\"finish_reason\":\"stop\"},{\"message\":{\"content\":\"second choice\"}}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}");
    assertThat(part.text.toString()).isEqualTo("a b c");
    assertThat(part.completionTokens).isEqualTo(3);

    parse("{\"error\":{\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}}");
    assertThat(part.error).isEqualTo("boom");
    parse("{\"error\":\"plain\"}");
    assertThat(part.error).isEqualTo("plain");

    assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("{\"choices\":[")).isInstanceOf(IOException.class);
  }

  private void parse(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    parser.parse(bytes, bytes.length, part);
  }
}
