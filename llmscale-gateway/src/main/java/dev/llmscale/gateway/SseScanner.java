package dev.llmscale.gateway;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OpenAI SSE stream only as far as timing tokens needs: where each event ends, and whether
 * it carries generated text (a non-empty {@code content}, {@code reasoning_content} or {@code
 * text}, or a tool-call delta), the final {@code usage}, an {@code error}, or {@code [DONE]}. No
 * JSON is decoded; string values escape their quotes, so the key patterns cannot match inside
 * generated text. The bytes of an event that straddles chunks are carried over (up to a cap; the
 * patterns sit near an event's start).
 */
final class SseScanner {
  private static final int MAX_EVENT_BYTES = 64 * 1024;
  private static final byte[] CONTENT = ascii("content\":\"");
  private static final byte[] TEXT = ascii("\"text\":\"");
  private static final byte[] TOOL_CALLS = ascii("\"tool_calls\":[");
  private static final byte[] ERROR = ascii("\"error\":");
  private static final byte[] DONE = ascii("data: [DONE]");
  private static final byte[] DATA = ascii("data:");

  private final UsageScanner usage = new UsageScanner();
  private byte[] event = new byte[1024];
  private int length;
  private int lineStart;
  private int tokenEvents;
  private boolean done;
  private boolean error;

  /**
   * Scans one body chunk without consuming it.
   *
   * @return how many token-carrying events ended in this chunk
   */
  int scan(ByteBuf chunk) {
    int before = tokenEvents;
    int end = chunk.writerIndex();
    int i = chunk.readerIndex();
    while (i < end) {
      int newline = chunk.indexOf(i, end, (byte) '\n');
      int stop = newline < 0 ? end : newline + 1;
      append(chunk, i, stop - i);
      if (newline >= 0) {
        endLine();
      }
      i = stop;
    }
    return tokenEvents - before;
  }

  /** Token-carrying events seen so far. */
  int tokenEvents() {
    return tokenEvents;
  }

  /** {@code usage.completion_tokens} of the last event that had it, or -1. */
  long completionTokens() {
    return usage.completionTokens();
  }

  boolean done() {
    return done;
  }

  /** An event carried an {@code error} object (the engine failed the stream). */
  boolean error() {
    return error;
  }

  private void append(ByteBuf chunk, int from, int count) {
    int room = MAX_EVENT_BYTES - length;
    int copy = Math.min(count, room);
    if (copy <= 0) {
      return;
    }
    if (length + copy > event.length) {
      byte[] bigger =
          new byte[Math.min(MAX_EVENT_BYTES, Math.max(event.length * 2, length + copy))];
      System.arraycopy(event, 0, bigger, 0, length);
      event = bigger;
    }
    chunk.getBytes(from, event, length, copy);
    length += copy;
  }

  /** A line ended; a blank line ends the event. */
  private void endLine() {
    int lineLength = length - lineStart;
    boolean blank =
        lineLength <= 1 || lineLength == 2 && event[lineStart] == '\r' || length >= MAX_EVENT_BYTES;
    if (blank) {
      if (lineStart > 0) {
        endEvent(lineStart);
      }
      length = 0;
      lineStart = 0;
    } else {
      lineStart = length;
    }
  }

  private void endEvent(int eventLength) {
    if (!startsWith(DATA)) {
      return; // a comment (": ping") or an event without data
    }
    if (startsWith(DONE)) {
      done = true;
      return;
    }
    int content = indexOf(CONTENT, eventLength);
    if (content >= 0 && nonEmptyString(content + CONTENT.length, eventLength)
        || nonEmptyString(indexAfter(TEXT, eventLength), eventLength)
        || indexOf(TOOL_CALLS, eventLength) >= 0) {
      tokenEvents++;
    } else if (indexOf(ERROR, eventLength) >= 0) {
      error = true;
    }
    usage.scan(event, 0, eventLength);
  }

  private int indexAfter(byte[] pattern, int limit) {
    int at = indexOf(pattern, limit);
    return at < 0 ? -1 : at + pattern.length;
  }

  private boolean nonEmptyString(int valueStart, int limit) {
    return valueStart >= 0 && valueStart < limit && event[valueStart] != '"';
  }

  private boolean startsWith(byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (event[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte[] pattern, int limit) {
    byte first = pattern[0];
    int last = limit - pattern.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (event[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (event[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
