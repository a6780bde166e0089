package dev.llmscale.loadgen;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Splits a server-sent-event body into the payloads of its {@code data:} lines, across any split
 * into HTTP chunks. Each {@code data:} line is one event: real servers (vLLM, OpenAI, TGI) never
 * spread one JSON payload over several lines, and some end events with a single newline instead of
 * a blank line, which this tolerates. Other fields ({@code event:}, {@code id:}) and comments are
 * skipped. A line that arrives whole is handed over in place; only a line split across chunks is
 * copied. Not thread-safe; one per response.
 */
final class SseLineReader {
  private static final int MAX_LINE = 16 << 20;

  /** Receives each payload; the array is reused after the call returns. */
  interface Listener {
    void onData(byte[] payload, int offset, int length);
  }

  private byte[] chunk = new byte[1024];
  private byte[] line = new byte[256];
  private int length;
  private boolean cutting;
  private boolean overflowed;

  /** Feeds the readable bytes of {@code buf} without consuming them. */
  void feed(ByteBuf buf, Listener listener) {
    int n = buf.readableBytes();
    if (buf.hasArray()) {
      feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), n, listener);
      return;
    }
    if (chunk.length < n) {
      chunk = new byte[Math.max(n, chunk.length * 2)];
    }
    buf.getBytes(buf.readerIndex(), chunk, 0, n); // one bulk copy, not a bounds check per byte
    feed(chunk, 0, n, listener);
  }

  /** Feeds a byte array (tests, and non-Netty callers). */
  void feed(byte[] bytes, Listener listener) {
    feed(bytes, 0, bytes.length, listener);
  }

  void feed(byte[] bytes, int offset, int count, Listener listener) {
    int start = offset;
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (length == 0 && !cutting) {
        dispatch(bytes, start, i - start, listener);
      } else {
        append(bytes, start, i - start);
        endLine(listener);
      }
      start = i + 1;
    }
    append(bytes, start, end - start);
  }

  /** The body ended: a last line without a newline still counts. */
  void end(Listener listener) {
    if (length > 0 || cutting) {
      endLine(listener);
    }
  }

  /** Whether a line longer than 16 MiB was cut (the event is then dropped). */
  boolean overflowed() {
    return overflowed;
  }

  private void append(byte[] bytes, int from, int n) {
    if (n <= 0 || cutting) {
      return;
    }
    if (length + n > MAX_LINE) {
      cutting = true;
      overflowed = true;
      return;
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(length + n, line.length * 2)));
    }
    System.arraycopy(bytes, from, line, length, n);
    length += n;
  }

  private void endLine(Listener listener) {
    boolean cut = cutting;
    int n = length;
    length = 0;
    cutting = false;
    if (!cut) {
      dispatch(line, 0, n, listener);
    }
  }

  private static void dispatch(byte[] bytes, int from, int n, Listener listener) {
    if (n > 0 && bytes[from + n - 1] == '\r') {
      n--;
    }
    if (n < 5
        || bytes[from] != 'd'
        || bytes[from + 1] != 'a'
        || bytes[from + 2] != 't'
        || bytes[from + 3] != 'a'
        || bytes[from + 4] != ':') {
      return;
    }
    int skip = n > 5 && bytes[from + 5] == ' ' ? 6 : 5;
    listener.onData(bytes, from + skip, n - skip);
  }
}
