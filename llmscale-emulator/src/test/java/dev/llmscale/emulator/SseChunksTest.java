package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.engine.FinishReason;
import dev.llmscale.openai.ApiKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseChunksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The events of one HTTP chunk, after checking its framing. */
  private static List<JsonNode> events(ByteBuf chunk) throws Exception {
    try {
      String text = chunk.toString(StandardCharsets.UTF_8);
      int crlf = text.indexOf("\r\n");
      int size = Integer.parseInt(text.substring(0, crlf), 16);
      assertThat(text.substring(0, crlf)).doesNotStartWith("0");
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(bytes.length).isEqualTo(crlf + 2 + size + 2);
      assertThat(text).endsWith("\r\n");
      String payload = new String(bytes, crlf + 2, size, StandardCharsets.UTF_8);
      assertThat(payload).endsWith("\n\n");
      List<JsonNode> events = new ArrayList<>();
      for (String event : payload.split("\n\n")) {
        assertThat(event).startsWith("data: ");
        String data = event.substring(6);
        events.add(data.equals("[DONE]") ? null : JSON.readTree(data));
      }
      return events;
    } finally {
      chunk.release();
    }
  }

  @Test
  void firstChatChunkCarriesTheRoleThenTheToken() throws Exception {
    SseChunks chunks = new SseChunks(ApiKind.CHAT, "chatcmpl-1", 1700000000, "m");
    List<JsonNode> events =
        events(chunks.httpChunk(UnpooledByteBufAllocator.DEFAULT, 0, null, false, 5));

    assertThat(events).hasSize(2);
    assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(events.get(1).at("/choices/0/delta/content").asText()).isEqualTo(" The");
    assertThat(events.get(1).at("/choices/0/finish_reason").isNull()).isTrue();
    assertThat(events.get(1).get("created").asLong()).isEqualTo(1700000000);
  }

  @Test
  void lastChunkCarriesFinishReasonUsageAndDone() throws Exception {
    SseChunks chunks = new SseChunks(ApiKind.COMPLETION, "cmpl-1", 1, "m");
    List<JsonNode> events =
        events(chunks.httpChunk(UnpooledByteBufAllocator.DEFAULT, 9, FinishReason.STOP, true, 123));

    assertThat(events).hasSize(3);
    assertThat(events.get(0).get("object").asText()).isEqualTo("text_completion");
    assertThat(events.get(0).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(events.get(1).get("choices").isEmpty()).isTrue();
    assertThat(events.get(1).at("/usage/prompt_tokens").asInt()).isEqualTo(123);
    assertThat(events.get(1).at("/usage/completion_tokens").asInt()).isEqualTo(10);
    assertThat(events.get(1).at("/usage/total_tokens").asInt()).isEqualTo(133);
    assertThat(events.get(2)).isNull(); // [DONE]
  }

  @Test
  void escapesTheModelNameAndFramesEverySize() throws Exception {
    // Names of growing length move the chunk size across hex digit boundaries (0xff, 0x100, ...).
    for (int length = 0; length < 400; length += 7) {
      String model = "q\"\\\n\u2028é".repeat(length / 6 + 1).substring(0, length);
      SseChunks chunks = new SseChunks(ApiKind.CHAT, "chatcmpl-x", 1, model);
      List<JsonNode> events =
          events(
              chunks.httpChunk(
                  UnpooledByteBufAllocator.DEFAULT,
                  length,
                  FinishReason.LENGTH,
                  length % 2 == 0,
                  1));
      assertThat(events.get(0).get("model").asText()).isEqualTo(model);
    }
  }
}
