package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.promql.Expr.Aggregation;
import dev.llmscale.core.metrics.promql.Expr.Binary;
import dev.llmscale.core.metrics.promql.Expr.Call;
import dev.llmscale.core.metrics.promql.Expr.Negation;
import dev.llmscale.core.metrics.promql.Expr.NumberLiteral;
import dev.llmscale.core.metrics.promql.Expr.RangeSelector;
import dev.llmscale.core.metrics.promql.Expr.VectorSelector;
import dev.llmscale.core.metrics.promql.LabelMatcher.Operator;
import dev.llmscale.core.metrics.promql.Token.Type;
import dev.llmscale.core.metrics.promql.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for the PromQL subset, with Prometheus's precedence ({@code * /} over
 * {@code + -}, unary minus tighter still, all left-associative) and its static type checks. Every
 * error names the position and what was expected there.
 */
final class Parser {
  private static final Set<String> UNSUPPORTED_AGGREGATIONS =
      Set.of(
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group",
          "limitk",
          "limit_ratio");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "and",
          "or",
          "unless",
          "atan2");

  private final String query;
  private final List<Token> tokens;
  private int index;

  private Parser(String query, List<Token> tokens) {
    this.query = query;
    this.tokens = tokens;
  }

  static Expr parse(String query) {
    if (query.isBlank()) {
      throw new PromqlParseException(query, 0, "the query is empty");
    }
    Parser parser = new Parser(query, Lexer.tokenize(query));
    Expr root = parser.expression();
    if (!parser.peek().is(Type.END)) {
      throw parser.unexpected(parser.peek(), "an operator or the end of the query");
    }
    if (root.type() == ValueType.RANGE_VECTOR) {
      throw new PromqlParseException(
          query,
          0,
          "the query yields a range vector, but an instant query needs a scalar or an instant"
              + " vector (apply rate(), increase() or an *_over_time() function to it)");
    }
    return root;
  }

  private Expr expression() {
    Expr left = multiplicative();
    while (peek().is(Type.PLUS) || peek().is(Type.MINUS)) {
      Token operator = next();
      BinaryOperator op = operator.is(Type.PLUS) ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
      left = binary(op, operator, left, this::multiplicative);
    }
    rejectUnsupportedOperator(peek());
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().is(Type.STAR) || peek().is(Type.SLASH)) {
      Token operator = next();
      BinaryOperator op = operator.is(Type.STAR) ? BinaryOperator.MULTIPLY : BinaryOperator.DIVIDE;
      left = binary(op, operator, left, this::unary);
    }
    return left;
  }

  private Expr binary(BinaryOperator op, Token operator, Expr left, Supplier<Expr> rightOperand) {
    Optional<VectorMatching> matching = vectorMatching();
    Expr right = rightOperand.get();
    if (left.type() == ValueType.RANGE_VECTOR || right.type() == ValueType.RANGE_VECTOR) {
      throw error(
          operator,
          "operator '" + op + "' needs scalar or instant vector operands, found a range vector");
    }
    boolean betweenVectors =
        left.type() == ValueType.INSTANT_VECTOR && right.type() == ValueType.INSTANT_VECTOR;
    if (matching.isPresent() && !betweenVectors) {
      throw error(
          operator,
          "vector matching (on, ignoring, group_left, group_right) needs instant vectors on both"
              + " sides of '"
              + op
              + "'");
    }
    return new Binary(op, left, right, matching.orElse(VectorMatching.DEFAULT));
  }

  /** {@code on(...)} or {@code ignoring(...)}, optionally with {@code group_left/right(...)}. */
  private Optional<VectorMatching> vectorMatching() {
    Token modifier = peek();
    if (modifier.isKeyword("bool")) {
      throw error(modifier, "the bool modifier belongs to comparison operators, not supported");
    }
    if (modifier.isKeyword("group_left") || modifier.isKeyword("group_right")) {
      throw error(modifier, modifier.text() + " needs on(...) or ignoring(...) before it");
    }
    if (!modifier.isKeyword("on") && !modifier.isKeyword("ignoring")) {
      return Optional.empty();
    }
    next();
    boolean on = modifier.isKeyword("on");
    List<String> labels = labelList(modifier.text().toLowerCase(Locale.ROOT));
    Cardinality cardinality = Cardinality.ONE_TO_ONE;
    List<String> include = List.of();
    Token grouping = peek();
    if (grouping.isKeyword("group_left") || grouping.isKeyword("group_right")) {
      next();
      cardinality =
          grouping.isKeyword("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
      if (peek().is(Type.LEFT_PAREN)) {
        include = labelList(grouping.text().toLowerCase(Locale.ROOT));
      }
      for (String label : include) {
        if (on && labels.contains(label)) {
          throw error(
              grouping, "label '" + label + "' must not be in on(...) and in " + grouping.text());
        }
      }
    }
    return Optional.of(new VectorMatching(cardinality, on, labels, include));
  }

  private Expr unary() {
    Token sign = peek();
    if (!sign.is(Type.MINUS) && !sign.is(Type.PLUS)) {
      return postfix();
    }
    next();
    Expr operand = unary();
    if (operand.type() == ValueType.RANGE_VECTOR) {
      throw error(sign, "unary '" + sign.text() + "' needs a scalar or an instant vector");
    }
    if (sign.is(Type.PLUS)) {
      return operand;
    }
    return operand instanceof NumberLiteral number
        ? new NumberLiteral(-number.value())
        : new Negation(operand);
  }

  private Expr postfix() {
    Token start = peek();
    Expr primary = primary();
    if (peek().is(Type.LEFT_BRACKET)) {
      Token bracket = next();
      if (!(primary instanceof VectorSelector selector) || start.is(Type.LEFT_PAREN)) {
        throw error(
            bracket,
            "a range [...] only follows a metric selector, as in rate(metric[1m]);"
                + " subqueries are not supported");
      }
      primary = new RangeSelector(selector, range());
    }
    Token after = peek();
    if (after.isKeyword("offset")) {
      throw error(after, "the offset modifier is not supported");
    }
    if (after.is(Type.OTHER_OPERATOR) && after.text().equals("@")) {
      throw error(after, "the @ modifier is not supported");
    }
    return primary;
  }

  /** The duration inside {@code [...]}, after the opening bracket. */
  private long range() {
    Token duration = next();
    if (!duration.is(Type.DURATION)) {
      throw unexpected(duration, "a duration such as 30s, 1m or 5m");
    }
    long millis = Durations.parseMillis(duration.text());
    if (millis < 0) {
      throw error(
          duration, "bad duration '" + duration.text() + "' (units y w d h m s ms, largest first)");
    }
    if (millis == 0) {
      throw error(duration, "a range must be longer than 0");
    }
    Token close = next();
    if (close.text().startsWith(":")) {
      throw error(close, "subqueries are not supported");
    }
    if (!close.is(Type.RIGHT_BRACKET)) {
      throw unexpected(close, "']' after the range");
    }
    return millis;
  }

  private Expr primary() {
    Token token = next();
    return switch (token.type()) {
      case NUMBER -> new NumberLiteral(number(token));
      case LEFT_PAREN -> {
        Expr inner = expression();
        expect(Type.RIGHT_PAREN, "')' closing the '(' at position " + (token.position() + 1));
        yield inner;
      }
      case IDENTIFIER -> identifierExpression(token);
      case LEFT_BRACE ->
          throw error(
              token, "a selector needs a metric name before '{' ({__name__=...} is not supported)");
      default -> throw unexpected(token, "an expression");
    };
  }

  private Expr identifierExpression(Token identifier) {
    String word = identifier.text();
    Optional<Aggregator> aggregator = Aggregator.named(word);
    if (aggregator.isPresent()) {
      return aggregation(aggregator.get(), identifier);
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (UNSUPPORTED_AGGREGATIONS.contains(lower)) {
      throw error(
          identifier,
          "aggregation '" + word + "' is not supported (sum, avg, min, max, count are)");
    }
    if (peek().is(Type.LEFT_PAREN)) {
      return call(identifier);
    }
    if (KEYWORDS.contains(lower)) {
      throw error(identifier, "unexpected keyword '" + word + "'");
    }
    return selector(identifier);
  }

  private Expr aggregation(Aggregator aggregator, Token name) {
    Grouping grouping = null;
    if (isGroupingKeyword(peek())) {
      grouping = grouping();
    }
    expect(Type.LEFT_PAREN, "'(' after " + aggregator);
    Token operandStart = peek();
    Expr operand = expression();
    if (peek().is(Type.COMMA)) {
      throw error(peek(), aggregator + "(...) takes one argument");
    }
    expect(Type.RIGHT_PAREN, "')' closing " + aggregator + "(...)");
    if (isGroupingKeyword(peek())) {
      if (grouping != null) {
        throw error(peek(), aggregator + " has a by/without clause already");
      }
      grouping = grouping();
    }
    if (operand.type() != ValueType.INSTANT_VECTOR) {
      throw error(
          operandStart,
          "expected an instant vector in aggregation " + aggregator + ", got " + operand.type());
    }
    return new Aggregation(aggregator, grouping == null ? Grouping.NONE : grouping, operand);
  }

  private Grouping grouping() {
    Token keyword = next();
    String clause = keyword.text().toLowerCase(Locale.ROOT);
    return new Grouping(clause.equals("without"), labelList(clause));
  }

  /** {@code (a, b, ...)}, a trailing comma allowed. */
  private List<String> labelList(String clause) {
    expect(Type.LEFT_PAREN, "'(' after " + clause);
    List<String> labels = new ArrayList<>();
    while (!peek().is(Type.RIGHT_PAREN)) {
      Token label = next();
      if (!isLabelName(label)) {
        throw unexpected(label, "a label name in " + clause + "(...)");
      }
      labels.add(label.text());
      if (peek().is(Type.COMMA)) {
        next();
      } else if (!peek().is(Type.RIGHT_PAREN)) {
        throw unexpected(peek(), "',' or ')' in " + clause + "(...)");
      }
    }
    next();
    return labels;
  }

  private Expr call(Token name) {
    Function function =
        Function.named(name.text())
            .orElseThrow(
                () ->
                    error(
                        name,
                        "unknown or unsupported function '"
                            + name.text()
                            + "' (supported: "
                            + Function.supported()
                            + ")"));
    next(); // (
    List<Expr> arguments = new ArrayList<>();
    List<Token> starts = new ArrayList<>();
    if (!peek().is(Type.RIGHT_PAREN)) {
      starts.add(peek());
      arguments.add(expression());
      while (peek().is(Type.COMMA)) {
        next();
        starts.add(peek());
        arguments.add(expression());
      }
    }
    expect(Type.RIGHT_PAREN, "')' closing the arguments of " + function + "(...)");
    List<ValueType> parameters = function.parameters();
    if (arguments.size() != parameters.size()) {
      throw error(
          name,
          function + "() takes " + parameters.size() + " argument(s), found " + arguments.size());
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (arguments.get(i).type() != parameters.get(i)) {
        String hint =
            parameters.get(i) == ValueType.RANGE_VECTOR
                ? ", as in " + function + "(metric[1m])"
                : "";
        throw error(
            starts.get(i),
            "expected "
                + parameters.get(i)
                + " as argument "
                + (i + 1)
                + " of "
                + function
                + "(), got "
                + arguments.get(i).type()
                + hint);
      }
    }
    return new Call(function, arguments);
  }

  private VectorSelector selector(Token name) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (peek().is(Type.LEFT_BRACE)) {
      next();
      while (!peek().is(Type.RIGHT_BRACE)) {
        matchers.add(matcher());
        if (peek().is(Type.COMMA)) {
          next();
        } else if (!peek().is(Type.RIGHT_BRACE)) {
          throw unexpected(peek(), "',' or '}' in the selector");
        }
      }
      next();
    }
    return new VectorSelector(name.text(), matchers);
  }

  private LabelMatcher matcher() {
    Token name = next();
    if (!isLabelName(name)) {
      throw unexpected(name, "a label name in the selector");
    }
    if (name.text().equals(Labels.METRIC_NAME)) {
      throw error(name, "matchers on __name__ are not supported; write the metric name before '{'");
    }
    Token symbol = next();
    Operator operator =
        switch (symbol.type()) {
          case EQUALS -> Operator.EQUAL;
          case NOT_EQUALS -> Operator.NOT_EQUAL;
          case REGEX_MATCH -> Operator.REGEX;
          case REGEX_NO_MATCH -> Operator.NOT_REGEX;
          default ->
              throw unexpected(symbol, "one of = != =~ !~ after label name '" + name.text() + "'");
        };
    Token value = next();
    if (!value.is(Type.STRING)) {
      throw unexpected(value, "a quoted label value after " + name.text() + symbol.text());
    }
    try {
      return LabelMatcher.of(name.text(), operator, value.text());
    } catch (PatternSyntaxException e) {
      throw error(value, "bad regular expression \"" + value.text() + "\": " + e.getDescription());
    }
  }

  private void rejectUnsupportedOperator(Token token) {
    String text = token.text();
    if (token.is(Type.NOT_EQUALS) || token.is(Type.OTHER_OPERATOR)) {
      String kind = Set.of("==", "!=", "<", ">", "<=", ">=").contains(text) ? "comparison " : "";
      throw error(token, "the " + kind + "operator '" + text + "' is not supported (+ - * / are)");
    }
    if (token.isKeyword("and") || token.isKeyword("or") || token.isKeyword("unless")) {
      throw error(token, "the set operator '" + text + "' is not supported");
    }
    if (token.isKeyword("atan2")) {
      throw error(token, "the operator 'atan2' is not supported (+ - * / are)");
    }
  }

  private double number(Token token) {
    String text = token.text();
    if (text.equalsIgnoreCase("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (text.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseLong(text.substring(2), 16);
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error(token, "bad number '" + text + "'");
    }
  }

  private static boolean isGroupingKeyword(Token token) {
    return token.isKeyword("by") || token.isKeyword("without");
  }

  private static boolean isLabelName(Token token) {
    return token.is(Type.IDENTIFIER) && !token.text().contains(":");
  }

  private Token expect(Type type, String what) {
    Token token = next();
    if (!token.is(type)) {
      throw unexpected(token, what);
    }
    return token;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (!token.is(Type.END)) {
      index++;
    }
    return token;
  }

  private PromqlParseException unexpected(Token found, String expected) {
    return error(found, "expected " + expected + ", found " + found.describe());
  }

  private PromqlParseException error(Token at, String problem) {
    return new PromqlParseException(query, at.position(), problem);
  }
}
