package dev.llmscale.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what the load generator needs from an OpenAI response body or streamed chunk: the output
 * text of the first choice ({@code delta.content}, {@code delta.reasoning_content}, {@code text} or
 * {@code message.content}), its {@code finish_reason}, the {@code usage} token counts, and an
 * {@code error}. Everything else is skipped.
 *
 * <p>A small JSON reader of its own rather than Jackson: it runs once per streamed token on the
 * event loop, and a Jackson parser allocates half a kilobyte per chunk (parser, contexts, symbol
 * table child), which at tens of thousands of tokens a second is most of the client's garbage. This
 * one allocates nothing for a token chunk. It rejects malformed structure anywhere and bad escapes
 * in the values it reads (skipped strings are not decoded). Not thread-safe: one per exchange.
 */
final class ResponseParser {
  private static final byte[] CHOICES = key("choices");
  private static final byte[] USAGE = key("usage");
  private static final byte[] ERROR = key("error");
  private static final byte[] DELTA = key("delta");
  private static final byte[] MESSAGE = key("message");
  private static final byte[] TEXT = key("text");
  private static final byte[] CONTENT = key("content");
  private static final byte[] REASONING_CONTENT = key("reasoning_content");
  private static final byte[] REASONING = key("reasoning");
  private static final byte[] FINISH_REASON = key("finish_reason");
  private static final byte[] PROMPT_TOKENS = key("prompt_tokens");
  private static final byte[] COMPLETION_TOKENS = key("completion_tokens");
  private static final int MAX_DEPTH = 64;

  /** What one chunk or body said; reused between calls. */
  static final class Part {
    final StringBuilder text = new StringBuilder();
    String finishReason;
    int promptTokens = -1;
    int completionTokens = -1;
    String error;

    void clear() {
      text.setLength(0);
      finishReason = null;
      promptTokens = -1;
      completionTokens = -1;
      error = null;
    }
  }

  private byte[] b;
  private int pos;
  private int end;
  private int keyStart;
  private int keyLength;

  void parse(byte[] bytes, int length, Part out) throws IOException {
    parse(bytes, 0, length, out);
  }

  /**
   * @throws IOException if the bytes are not one JSON object
   */
  void parse(byte[] bytes, int offset, int length, Part out) throws IOException {
    out.clear();
    b = bytes;
    pos = offset;
    end = offset + length;
    try {
      whitespace();
      expect('{');
      if (!closes('}')) {
        do {
          readKey();
          if (keyIs(CHOICES)) {
            choices(out);
          } else if (keyIs(USAGE)) {
            usage(out);
          } else if (keyIs(ERROR)) {
            out.error = error();
          } else {
            skipValue(0);
          }
        } while (next('}'));
      }
      whitespace();
      if (pos != end) {
        throw syntax("text after the JSON object");
      }
    } finally {
      b = null;
    }
  }

  private void choices(Part out) throws IOException {
    whitespace();
    if (peek() != '[') {
      skipValue(0);
      return;
    }
    pos++;
    if (closes(']')) {
      return;
    }
    boolean first = true;
    do {
      whitespace();
      if (first && peek() == '{') {
        choice(out);
      } else {
        skipValue(1);
      }
      first = false;
    } while (next(']'));
  }

  private void choice(Part out) throws IOException {
    expect('{');
    if (closes('}')) {
      return;
    }
    do {
      readKey();
      if (keyIs(DELTA) || keyIs(MESSAGE)) {
        message(out);
      } else if (keyIs(TEXT)) {
        textValue(out);
      } else if (keyIs(FINISH_REASON)) {
        out.finishReason = stringOrNull();
      } else {
        skipValue(2);
      }
    } while (next('}'));
  }

  private void message(Part out) throws IOException {
    whitespace();
    if (peek() != '{') {
      skipValue(2);
      return;
    }
    pos++;
    if (closes('}')) {
      return;
    }
    do {
      readKey();
      if (keyIs(CONTENT) || keyIs(REASONING_CONTENT) || keyIs(REASONING)) {
        textValue(out);
      } else {
        skipValue(3);
      }
    } while (next('}'));
  }

  private void textValue(Part out) throws IOException {
    whitespace();
    if (peek() == '"') {
      pos++;
      readString(out.text);
    } else {
      skipValue(3);
    }
  }

  private void usage(Part out) throws IOException {
    whitespace();
    if (peek() != '{') {
      skipValue(1);
      return;
    }
    pos++;
    if (closes('}')) {
      return;
    }
    do {
      readKey();
      if (keyIs(PROMPT_TOKENS)) {
        out.promptTokens = intOrMinusOne();
      } else if (keyIs(COMPLETION_TOKENS)) {
        out.completionTokens = intOrMinusOne();
      } else {
        skipValue(2);
      }
    } while (next('}'));
  }

  private String error() throws IOException {
    whitespace();
    byte c = peek();
    if (c == 'n') {
      literal("null");
      return null;
    }
    if (c == '"') {
      pos++;
      StringBuilder text = new StringBuilder();
      readString(text);
      return text.toString();
    }
    if (c != '{') {
      skipValue(1);
      return "error";
    }
    pos++;
    String message = "error";
    if (closes('}')) {
      return message;
    }
    do {
      readKey();
      whitespace();
      if (keyIs(MESSAGE) && peek() == '"') {
        pos++;
        StringBuilder text = new StringBuilder();
        readString(text);
        message = text.toString();
      } else {
        skipValue(2);
      }
    } while (next('}'));
    return message;
  }

  private String stringOrNull() throws IOException {
    whitespace();
    if (peek() == '"') {
      pos++;
      StringBuilder text = new StringBuilder(16);
      readString(text);
      return text.toString();
    }
    skipValue(3);
    return null;
  }

  private int intOrMinusOne() throws IOException {
    whitespace();
    int start = pos;
    long value = 0;
    boolean digits = false;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      value = value * 10 + (b[pos++] - '0');
      digits = true;
      if (value > Integer.MAX_VALUE) {
        value = -1;
        break;
      }
    }
    if (digits && pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
      pos = start;
      skipValue(3);
      return -1;
    }
    if (!digits) {
      skipValue(3);
      return -1;
    }
    return (int) value;
  }

  /** Reads {@code "key":} and leaves the key's raw bytes in keyStart/keyLength. */
  private void readKey() throws IOException {
    whitespace();
    expect('"');
    keyStart = pos;
    byte c;
    while ((c = take()) != '"') {
      if (c == '\\') {
        take(); // an escaped key matches nothing we look for
      }
    }
    keyLength = pos - 1 - keyStart;
    whitespace();
    expect(':');
  }

  private boolean keyIs(byte[] name) {
    if (name.length != keyLength) {
      return false;
    }
    for (int i = 0; i < keyLength; i++) {
      if (b[keyStart + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes a JSON string whose opening quote was consumed; appends it to {@code out}. */
  private void readString(StringBuilder out) throws IOException {
    while (true) {
      byte c = take();
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        byte e = take();
        switch (e) {
          case '"', '\\', '/' -> out.append((char) e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            int unit = 0;
            for (int i = 0; i < 4; i++) {
              int digit = Character.digit(take(), 16);
              if (digit < 0) {
                throw syntax("bad \\u escape");
              }
              unit = unit * 16 + digit;
            }
            out.append((char) unit);
          }
          default -> throw syntax("bad escape");
        }
      } else if (c >= 0) {
        if (c < 0x20) {
          throw syntax("control character in a string");
        }
        out.append((char) c);
      } else {
        utf8(c, out);
      }
    }
  }

  /** Appends the UTF-8 sequence whose lead byte was just taken. */
  private void utf8(byte lead, StringBuilder out) throws IOException {
    int extra;
    int cp;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      cp = lead & 0x07;
    } else {
      throw syntax("bad UTF-8");
    }
    for (int i = 0; i < extra; i++) {
      byte next = take();
      if ((next & 0xC0) != 0x80) {
        throw syntax("bad UTF-8");
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    if (!Character.isValidCodePoint(cp)) {
      throw syntax("bad UTF-8");
    }
    out.appendCodePoint(cp);
  }

  private void skipValue(int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw syntax("nested too deep");
    }
    whitespace();
    byte c = peek();
    switch (c) {
      case '{' -> {
        pos++;
        if (closes('}')) {
          return;
        }
        do {
          readKey();
          skipValue(depth + 1);
        } while (next('}'));
      }
      case '[' -> {
        pos++;
        if (closes(']')) {
          return;
        }
        do {
          skipValue(depth + 1);
        } while (next(']'));
      }
      case '"' -> {
        pos++;
        byte s;
        while ((s = take()) != '"') {
          if (s == '\\') {
            take();
          }
        }
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          throw syntax("unexpected character '" + (char) c + "'");
        }
        pos++;
        while (pos < end && isNumberPart(b[pos])) {
          pos++;
        }
      }
    }
  }

  private static boolean isNumberPart(byte c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private void literal(String word) throws IOException {
    for (int i = 0; i < word.length(); i++) {
      if (take() != word.charAt(i)) {
        throw syntax("bad literal");
      }
    }
  }

  /** After a member or element: true at a comma (another follows), false at {@code close}. */
  private boolean next(char close) throws IOException {
    whitespace();
    byte c = take();
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    throw syntax("expected ',' or '" + close + "'");
  }

  /** Consumes {@code close} if it comes next (an empty object or array). */
  private boolean closes(char close) {
    whitespace();
    if (pos < end && b[pos] == close) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) throws IOException {
    if (pos >= end || b[pos] != c) {
      throw syntax("expected '" + c + "'");
    }
    pos++;
  }

  /** The next byte, consumed; fails at the end of the payload (not of the array). */
  private byte take() throws IOException {
    if (pos >= end) {
      throw syntax("truncated JSON");
    }
    return b[pos++];
  }

  private byte peek() throws IOException {
    if (pos >= end) {
      throw syntax("truncated JSON");
    }
    return b[pos];
  }

  private void whitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private IOException syntax(String problem) {
    return new IOException("not valid JSON (" + problem + ")");
  }

  private static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}
