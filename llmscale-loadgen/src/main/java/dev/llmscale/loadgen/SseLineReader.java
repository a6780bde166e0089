package dev.llmscale.loadgen;

import io.netty.buffer.ByteBuf;

/**
 * Splits a server-sent-event body into the payloads of its {@code data:} lines, across any split
 * into HTTP chunks. Each {@code data:} line is one event: real servers (vLLM, OpenAI, TGI) never
 * spread one JSON payload over several lines, and some end events with a single newline instead of
 * a blank line, which this tolerates. Other fields ({@code event:}, {@code id:}) and comments are
 * skipped. Not thread-safe; one per response.
 */
final class SseLineReader {
  private static final int MAX_LINE = 16 << 20;

  /** Receives each payload; the array is reused after the call returns. */
  interface Listener {
    void onData(byte[] payload, int length);
  }

  private byte[] line = new byte[512];
  private int length;
  private boolean cutting;
  private boolean overflowed;

  /** Feeds the readable bytes of {@code buf} without consuming them. */
  void feed(ByteBuf buf, Listener listener) {
    int end = buf.writerIndex();
    for (int i = buf.readerIndex(); i < end; i++) {
      byte b = buf.getByte(i);
      if (b == '\n') {
        endLine(listener);
      } else {
        append(b);
      }
    }
  }

  /** Feeds a byte array (tests, and non-Netty callers). */
  void feed(byte[] bytes, Listener listener) {
    for (byte b : bytes) {
      if (b == '\n') {
        endLine(listener);
      } else {
        append(b);
      }
    }
  }

  /** The body ended: a last line without a newline still counts. */
  void end(Listener listener) {
    if (length > 0) {
      endLine(listener);
    }
  }

  /** Whether a line longer than 16 MiB was cut (the event is then dropped). */
  boolean overflowed() {
    return overflowed;
  }

  private void append(byte b) {
    if (length == line.length) {
      if (line.length >= MAX_LINE) {
        cutting = true;
        overflowed = true;
        return;
      }
      line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
    }
    line[length++] = b;
  }

  private void endLine(Listener listener) {
    int n = length;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    length = 0;
    if (cutting || n < 5) {
      cutting = false;
      return;
    }
    if (line[0] != 'd' || line[1] != 'a' || line[2] != 't' || line[3] != 'a' || line[4] != ':') {
      return;
    }
    int start = n > 5 && line[5] == ' ' ? 6 : 5;
    System.arraycopy(line, start, line, 0, n - start);
    listener.onData(line, n - start);
  }
}
