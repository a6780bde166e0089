package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseScannerTest {
  private static final String ROLE =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
          + "\"content\":\"\"},\"finish_reason\":null}]}\n\n";
  private static final String TOKEN =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" hi\"},"
          + "\"finish_reason\":null}]}\n\n";
  private static final String FINISH =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
  private static final String USAGE =
      "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"total_tokens\":14,"
          + "\"completion_tokens\":5}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private static int scan(SseScanner scanner, String text) {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    try {
      return scanner.scan(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void countsEventsThatCarryGeneratedText() {
    SseScanner scanner = new SseScanner();

    assertThat(scan(scanner, ROLE)).isZero();
    assertThat(scan(scanner, TOKEN + TOKEN)).isEqualTo(2);
    assertThat(scan(scanner, FINISH + USAGE + DONE)).isZero();

    assertThat(scanner.tokenEvents()).isEqualTo(2);
    assertThat(scanner.completionTokens()).isEqualTo(5);
    assertThat(scanner.done()).isTrue();
    assertThat(scanner.error()).isFalse();
  }

  @Test
  void anEventSplitAcrossChunksCountsWhenItEnds() {
    SseScanner scanner = new SseScanner();
    String event = TOKEN.replace("\n\n", "\r\n\r\n");

    assertThat(scan(scanner, event.substring(0, 20))).isZero();
    assertThat(scan(scanner, event.substring(20, event.length() - 1))).isZero();
    assertThat(scan(scanner, event.substring(event.length() - 1))).isEqualTo(1);
  }

  @Test
  void recognisesCompletionTextReasoningAndToolCalls() {
    SseScanner scanner = new SseScanner();
    int tokens =
        scan(
            scanner,
            "data: {\"choices\":[{\"index\":0,\"text\":\" a\",\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hm\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}\n\n");

    assertThat(tokens).isEqualTo(3);
  }

  @Test
  void generatedTextThatLooksLikeAKeyDoesNotFoolIt() {
    SseScanner scanner = new SseScanner();
    scan(
        scanner,
        "data: {\"choices\":[{\"delta\":{\"content\":\"\\\"error\\\": \\\"completion_tokens\\\":"
            + "99\"}}]}\n\n");

    assertThat(scanner.tokenEvents()).isEqualTo(1);
    assertThat(scanner.error()).isFalse();
    assertThat(scanner.completionTokens()).isEqualTo(-1);
  }

  @Test
  void noticesAnErrorEventAndIgnoresComments() {
    SseScanner scanner = new SseScanner();

    scan(scanner, ": ping\n\ndata: {\"error\":{\"message\":\"boom\"}}\n\n" + DONE);

    assertThat(scanner.tokenEvents()).isZero();
    assertThat(scanner.error()).isTrue();
    assertThat(scanner.done()).isTrue();
  }
}
