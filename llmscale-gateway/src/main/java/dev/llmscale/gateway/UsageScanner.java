package dev.llmscale.gateway;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds {@code "completion_tokens":N} in a response body fed in pieces of any size (a non-streaming
 * completion's JSON, or SSE events), keeping the last value: the usage object comes last.
 */
final class UsageScanner {
  private static final byte[] KEY = "\"completion_tokens\":".getBytes(StandardCharsets.US_ASCII);
  private static final int[] FALLBACK = fallback(KEY);

  private int matched;
  private boolean inNumber;
  private long number;
  private long completionTokens = -1;

  void scan(ByteBuf buf) {
    for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
      feed(buf.getByte(i));
    }
  }

  void scan(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      feed(bytes[i]);
    }
    endNumber();
  }

  /** The last value seen, or -1. */
  long completionTokens() {
    endNumber();
    return completionTokens;
  }

  private void feed(byte b) {
    if (inNumber) {
      if (b >= '0' && b <= '9') {
        number = Math.min(number * 10 + (b - '0'), Integer.MAX_VALUE);
        return;
      }
      if (b == ' ' && number == 0) {
        return;
      }
      endNumber();
    }
    while (matched > 0 && b != KEY[matched]) {
      matched = FALLBACK[matched];
    }
    if (b == KEY[matched]) {
      matched++;
      if (matched == KEY.length) {
        matched = 0;
        inNumber = true;
        number = 0;
      }
    }
  }

  private void endNumber() {
    if (inNumber) {
      inNumber = false;
      completionTokens = number;
    }
  }

  /** KMP failure function: where to resume matching after a mismatch at each position. */
  private static int[] fallback(byte[] pattern) {
    int[] fallback = new int[pattern.length + 1];
    int k = 0;
    for (int i = 1; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = fallback[k];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      fallback[i + 1] = k;
    }
    return fallback;
  }
}
