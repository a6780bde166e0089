package dev.llmscale.core.metrics.promql;

/**
 * One lexeme of a query.
 *
 * @param text the source text, or the unescaped value of a string literal
 * @param position 0-based offset of its first character in the query
 */
record Token(Type type, String text, int position) {

  enum Type {
    IDENTIFIER,
    NUMBER,
    DURATION,
    STRING,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACE,
    RIGHT_BRACE,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    EQUALS,
    NOT_EQUALS,
    REGEX_MATCH,
    REGEX_NO_MATCH,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    /** An operator of full PromQL outside this subset: {@code % ^ == < > <= >= @}. */
    OTHER_OPERATOR,
    END
  }

  boolean is(Type expected) {
    return type == expected;
  }

  /** An identifier spelled {@code word}, ignoring case, as PromQL keywords are. */
  boolean isKeyword(String word) {
    return type == Type.IDENTIFIER && text.equalsIgnoreCase(word);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (type) {
      case END -> "the end of the query";
      case STRING -> "string \"" + text + "\"";
      case IDENTIFIER -> "'" + text + "'";
      case NUMBER -> "number " + text;
      case DURATION -> "duration " + text;
      default -> "'" + text + "'";
    };
  }
}
