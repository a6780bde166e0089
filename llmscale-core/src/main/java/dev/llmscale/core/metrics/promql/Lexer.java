package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.promql.Token.Type;
import java.util.ArrayList;
import java.util.List;

/** Splits a query into tokens. {@code #} starts a comment that runs to the end of the line. */
final class Lexer {
  private final String query;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String query) {
    this.query = query;
  }

  static List<Token> tokenize(String query) {
    Lexer lexer = new Lexer(query);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      skipBlanksAndComments();
      if (pos >= query.length()) {
        tokens.add(new Token(Type.END, "", pos));
        return;
      }
      int start = pos;
      char c = query.charAt(pos);
      if (isDigit(c) || c == '.' && pos + 1 < query.length() && isDigit(query.charAt(pos + 1))) {
        numberOrDuration(start);
      } else if (isIdentifierStart(c)) {
        identifier(start);
      } else if (c == '"' || c == '\'' || c == '`') {
        StringLiterals.Literal literal = StringLiterals.read(query, start);
        tokens.add(new Token(Type.STRING, literal.value(), start));
        pos = literal.end();
      } else {
        operator(start, c);
      }
    }
  }

  private void numberOrDuration(int start) {
    if (query.startsWith("0x", pos) || query.startsWith("0X", pos)) {
      pos += 2;
      while (pos < query.length() && Character.digit(query.charAt(pos), 16) >= 0) {
        pos++;
      }
      add(Type.NUMBER, start);
      return;
    }
    int digitsEnd = skipDigits(pos);
    if (digitsEnd < query.length() && Durations.isUnit(query.charAt(digitsEnd))) {
      while (pos < query.length()
          && (isDigit(query.charAt(pos)) || Durations.isUnit(query.charAt(pos)))) {
        pos++;
      }
      if (pos < query.length() && isLetterOrUnderscore(query.charAt(pos))) {
        throw error(start, "bad duration '" + query.substring(start, pos + 1) + "'");
      }
      add(Type.DURATION, start);
      return;
    }
    pos = digitsEnd;
    if (pos < query.length() && query.charAt(pos) == '.') {
      pos = skipDigits(pos + 1);
    }
    if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')) {
      int exponent = pos + 1;
      if (exponent < query.length() && "+-".indexOf(query.charAt(exponent)) >= 0) {
        exponent++;
      }
      if (exponent < query.length() && isDigit(query.charAt(exponent))) {
        pos = skipDigits(exponent);
      }
    }
    if (pos < query.length() && isIdentifierStart(query.charAt(pos))) {
      throw error(start, "bad number or duration '" + query.substring(start, pos + 1) + "'");
    }
    add(Type.NUMBER, start);
  }

  private void identifier(int start) {
    while (pos < query.length()
        && (isIdentifierStart(query.charAt(pos)) || isDigit(query.charAt(pos)))) {
      pos++;
    }
    String word = query.substring(start, pos);
    boolean number = word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan");
    tokens.add(new Token(number ? Type.NUMBER : Type.IDENTIFIER, word, start));
  }

  private void operator(int start, char c) {
    char next = pos + 1 < query.length() ? query.charAt(pos + 1) : 0;
    Type type;
    int length = 1;
    switch (c) {
      case '(' -> type = Type.LEFT_PAREN;
      case ')' -> type = Type.RIGHT_PAREN;
      case '{' -> type = Type.LEFT_BRACE;
      case '}' -> type = Type.RIGHT_BRACE;
      case '[' -> type = Type.LEFT_BRACKET;
      case ']' -> type = Type.RIGHT_BRACKET;
      case ',' -> type = Type.COMMA;
      case '+' -> type = Type.PLUS;
      case '-' -> type = Type.MINUS;
      case '*' -> type = Type.STAR;
      case '/' -> type = Type.SLASH;
      case '=' -> {
        type = next == '~' ? Type.REGEX_MATCH : next == '=' ? Type.OTHER_OPERATOR : Type.EQUALS;
        length = next == '~' || next == '=' ? 2 : 1;
      }
      case '!' -> {
        if (next != '=' && next != '~') {
          throw error(start, "unexpected '!' (expected '!=' or '!~')");
        }
        type = next == '~' ? Type.REGEX_NO_MATCH : Type.NOT_EQUALS;
        length = 2;
      }
      case '<', '>' -> {
        type = Type.OTHER_OPERATOR;
        length = next == '=' ? 2 : 1;
      }
      case '%', '^', '@' -> type = Type.OTHER_OPERATOR;
      default -> throw error(start, "unexpected character '" + c + "'");
    }
    pos += length;
    add(type, start);
  }

  private void skipBlanksAndComments() {
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < query.length() && query.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private int skipDigits(int from) {
    int i = from;
    while (i < query.length() && isDigit(query.charAt(i))) {
      i++;
    }
    return i;
  }

  private void add(Type type, int start) {
    tokens.add(new Token(type, query.substring(start, pos), start));
  }

  private PromqlParseException error(int at, String problem) {
    return new PromqlParseException(query, at, problem);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Letters, {@code _} and {@code :}, which only metric names may contain. */
  private static boolean isIdentifierStart(char c) {
    return isLetterOrUnderscore(c) || c == ':';
  }

  private static boolean isLetterOrUnderscore(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }
}
