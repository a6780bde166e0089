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

  @Test
  void decodesEscapesAndUtf8() throws IOException {
    parse(
        "{\"choices\":[{\"delta\":{\"content\":\"caf\u00e9 – ✓ 😀 \\u00e9\\n\\t\\\"q\\\" \\\\ \\ud83d\\ude00\"}}]}");

    assertThat(part.text.toString()).isEqualTo("café – ✓ 😀 é\n\t\"q\" \\ 😀");
  }

  @Test
  void skipsWhatItDoesNotNeedHoweverNested() throws IOException {
    parse(
        " { \"id\" : \"x\", \"usage\" : null, \"n\": -1.5e+3, \"ok\": true, \"nil\": null,"
            + " \"choices\" : [ { \"index\": 0, \"logprobs\": {\"content\": [{\"token\": \"a\","
            + " \"top\": [[1, 2], {\"x\": \"}\"}]}]}, \"delta\": {\"tool_calls\": [], \"content\": \" b\"},"
            + " \"finish_reason\": null } , {\"delta\": {\"content\": \"second\"}} ] } ");

    assertThat(part.text.toString()).isEqualTo(" b");
    assertThat(part.finishReason).isNull();
    assertThat(part.completionTokens).isEqualTo(-1);
  }

  @Test
  void rejectsBrokenJsonEvenInsideALargerBuffer() {
    byte[] buffer = "{\"choices\":[{\"text\":\"a\"}]}{\"more\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(buffer, 0, 20, part)).hasMessageContaining("truncated");
    assertThatThrownBy(() -> parse("{\"a\":1} x")).hasMessageContaining("text after");
    assertThatThrownBy(() -> parse("{\"a\":tru}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("{\"choices\":[{\"text\":\"\\x\"}]}"))
        .hasMessageContaining("bad escape");
    assertThatThrownBy(() -> parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> parse("")).isInstanceOf(IOException.class);
  }

  @Test
  void agreesWithJacksonOnRandomResponses() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    String[] texts = {"", " The", "é", "\"quoted\"", "line\nbreak", "😀", "a\\b", "\u0001"};
    for (int i = 0; i < 2000; i++) {
      java.util.Map<String, Object> root = new java.util.LinkedHashMap<>();
      root.put("id", "cmpl-" + i);
      java.util.Map<String, Object> choice = new java.util.LinkedHashMap<>();
      choice.put("index", 0);
      String text = texts[random.nextInt(texts.length)];
      switch (random.nextInt(3)) {
        case 0 -> choice.put("text", text);
        case 1 -> choice.put("delta", java.util.Map.of("role", "assistant", "content", text));
        default -> choice.put("message", java.util.Map.of("content", text));
      }
      choice.put(
          "logprobs",
          random.nextBoolean()
              ? null
              : java.util.Map.of("content", java.util.List.of(1, 2.5, "x")));
      choice.put("finish_reason", random.nextBoolean() ? null : "length");
      root.put("choices", random.nextInt(5) == 0 ? java.util.List.of() : java.util.List.of(choice));
      if (random.nextBoolean()) {
        root.put(
            "usage",
            java.util.Map.of(
                "prompt_tokens",
                random.nextInt(100000),
                "completion_tokens",
                random.nextInt(5000)));
      }
      byte[] bytes = json.writeValueAsBytes(root);

      parser.parse(bytes, bytes.length, part);

      com.fasterxml.jackson.databind.JsonNode tree = json.readTree(bytes);
      com.fasterxml.jackson.databind.JsonNode first = tree.path("choices").path(0);
      String expectedText =
          first
              .path("text")
              .asText(
                  first
                      .path("delta")
                      .path("content")
                      .asText(first.path("message").path("content").asText("")));
      assertThat(part.text.toString())
          .as(new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo(expectedText);
      assertThat(part.finishReason)
          .isEqualTo(first.path("finish_reason").isTextual() ? "length" : null);
      assertThat(part.promptTokens).isEqualTo(tree.path("usage").path("prompt_tokens").asInt(-1));
      assertThat(part.completionTokens)
          .isEqualTo(tree.path("usage").path("completion_tokens").asInt(-1));
    }
  }

  private void parse(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    parser.parse(bytes, bytes.length, part);
  }
}
