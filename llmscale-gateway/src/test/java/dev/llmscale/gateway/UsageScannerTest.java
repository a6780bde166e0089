package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageScannerTest {

  @Test
  void findsCompletionTokensAcrossChunkBoundaries() {
    String body =
        "{\"id\":\"x\",\"choices\":[{\"text\":\"\\\"completion\"}],\"usage\":{\"prompt_tokens\":3,"
            + "\"total_tokens\":130,\"completion_tokens\": 127}}";
    UsageScanner scanner = new UsageScanner();
    for (int i = 0; i < body.length(); i += 7) {
      ByteBuf chunk =
          Unpooled.copiedBuffer(
              body.substring(i, Math.min(body.length(), i + 7)), StandardCharsets.UTF_8);
      scanner.scan(chunk);
      chunk.release();
    }

    assertThat(scanner.completionTokens()).isEqualTo(127);
  }

  @Test
  void reportsMinusOneWithoutUsage() {
    UsageScanner scanner = new UsageScanner();
    byte[] body = "{\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
    scanner.scan(body, 0, body.length);

    assertThat(scanner.completionTokens()).isEqualTo(-1);
  }
}
