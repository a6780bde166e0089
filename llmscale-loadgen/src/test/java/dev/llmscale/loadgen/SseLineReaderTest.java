package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLineReaderTest {
  private final List<String> events = new ArrayList<>();
  private final SseLineReader reader = new SseLineReader();
  private final SseLineReader.Listener listener =
      (payload, offset, length) ->
          events.add(new String(payload, offset, length, StandardCharsets.UTF_8));

  @Test
  void splitsDataLinesAcrossChunkBoundaries() {
    feed("data: {\"a\":1}\n\nda");
    feed("ta: {\"b\"");
    feed(":2}\r\n\r\n: keep-alive comment\nevent: x\nid: 3\n");
    feed("data:[DONE]\n\n");

    assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
  }

  @Test
  void toleratesEventsEndedByOneNewlineAndALastLineWithoutOne() {
    feed("data: one\ndata: two\ndata: three");
    assertThat(events).containsExactly("one", "two");

    reader.end(listener);

    assertThat(events).containsExactly("one", "two", "three");
  }

  @Test
  void readsByteArraysToo() {
    reader.feed("data: x\n\n".getBytes(StandardCharsets.UTF_8), listener);

    assertThat(events).containsExactly("x");
    assertThat(reader.overflowed()).isFalse();
  }

  private void feed(String text) {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    try {
      reader.feed(buf, listener);
      assertThat(buf.readerIndex()).isZero();
    } finally {
      buf.release();
    }
  }
}
