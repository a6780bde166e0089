package dev.llmscale.core.metrics.promql;

/** PromQL string literals: {@code "..."} and {@code '...'} with Go's escapes, {@code `...`} raw. */
final class StringLiterals {

  /**
   * @param value the unescaped text
   * @param end offset just after the closing quote
   */
  record Literal(String value, int end) {}

  private StringLiterals() {}

  static Literal read(String query, int start) {
    char quote = query.charAt(start);
    StringBuilder value = new StringBuilder();
    int pos = start + 1;
    while (pos < query.length()) {
      char c = query.charAt(pos++);
      if (c == quote) {
        return new Literal(value.toString(), pos);
      }
      if (c == '\n' && quote != '`') {
        break;
      }
      if (c != '\\' || quote == '`') {
        value.append(c);
        continue;
      }
      if (pos >= query.length()) {
        break;
      }
      int escapeStart = pos - 1;
      char escaped = query.charAt(pos++);
      switch (escaped) {
        case 'a' -> value.append('\u0007');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'v' -> value.append('\u000b');
        case '\\', '"', '\'' -> value.append(escaped);
        case 'x', 'u', 'U' -> {
          int digits = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 8;
          value.appendCodePoint(hex(query, pos, digits, escapeStart));
          pos += digits;
        }
        default -> {
          if (escaped >= '0' && escaped <= '7') {
            value.appendCodePoint(octal(query, pos - 1, escapeStart));
            pos += 2;
          } else {
            throw new PromqlParseException(
                query, escapeStart, "unknown escape sequence '\\" + escaped + "'");
          }
        }
      }
    }
    throw new PromqlParseException(query, start, "unterminated string");
  }

  private static int hex(String query, int from, int digits, int escapeStart) {
    if (from + digits > query.length()) {
      throw new PromqlParseException(query, escapeStart, "incomplete escape sequence");
    }
    try {
      return Integer.parseInt(query.substring(from, from + digits), 16);
    } catch (NumberFormatException e) {
      throw new PromqlParseException(query, escapeStart, "bad escape sequence");
    }
  }

  private static int octal(String query, int from, int escapeStart) {
    if (from + 3 > query.length()) {
      throw new PromqlParseException(query, escapeStart, "incomplete escape sequence");
    }
    try {
      int code = Integer.parseInt(query.substring(from, from + 3), 8);
      if (code > 255) {
        throw new NumberFormatException();
      }
      return code;
    } catch (NumberFormatException e) {
      throw new PromqlParseException(query, escapeStart, "bad octal escape sequence");
    }
  }
}
