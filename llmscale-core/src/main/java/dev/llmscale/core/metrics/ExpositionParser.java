package dev.llmscale.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what the gateway, the emulator and
 * vLLM serve as {@code text/plain}) as leniently as the Prometheus server does:
 *
 * <ul>
 *   <li>{@code # TYPE name type} records the family's type; {@code # HELP} and other comments are
 *       skipped; blank lines are skipped;
 *   <li>a sample is {@code name[{label="value",...}] value [timestamp]} with names such as {@code
 *       vllm:num_requests_running}, label values escaped with {@code \\}, {@code \"} and {@code
 *       \n}, a trailing comma allowed, values such as {@code NaN} or {@code +Inf};
 *   <li>histogram and summary series ({@code _bucket}, {@code _sum}, {@code _count}) are plain
 *       samples under their own names, with {@code le} and {@code quantile} values kept as written.
 * </ul>
 *
 * A sample's own timestamp is checked and then ignored: the scraper stamps every sample with the
 * scrape time, which is what the gateway's and engines' pages (which carry none) get from
 * Prometheus. Any malformed line fails the whole page, as it fails a Prometheus scrape.
 */
public final class ExpositionParser {
  private final String text;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, MetricType> types = new HashMap<>();
  private int lineNumber;
  private int lineStart;
  private int lineEnd;
  private int pos;

  private ExpositionParser(String text) {
    this.text = text;
  }

  /**
   * @throws ExpositionFormatException naming the line and column of the first malformed line
   */
  public static Exposition parse(String text) {
    ExpositionParser parser = new ExpositionParser(text);
    parser.parseLines();
    return new Exposition(parser.samples, parser.types);
  }

  private void parseLines() {
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline;
      lineNumber++;
      lineStart = start;
      lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      pos = start;
      parseLine();
      start = end + 1;
    }
  }

  private void parseLine() {
    skipBlanks();
    if (atEnd()) {
      return;
    }
    if (peek() == '#') {
      pos++;
      parseComment();
    } else {
      parseSample();
    }
  }

  private void parseComment() {
    skipBlanks();
    String keyword = word();
    if (!keyword.equals("TYPE") && !keyword.equals("HELP")) {
      return; // an ordinary comment
    }
    if (!skipBlanks()) {
      throw error("expected a metric name after # " + keyword);
    }
    String family = metricName();
    if (keyword.equals("HELP")) {
      return; // the docstring is free text
    }
    if (!skipBlanks()) {
      throw error("expected a type after # TYPE " + family);
    }
    int typeColumn = pos;
    String typeWord = word();
    MetricType type = MetricType.fromExposition(typeWord);
    if (type == null) {
      pos = typeColumn;
      throw error(
          "unknown metric type '" + typeWord + "' (counter, gauge, histogram, summary or untyped)");
    }
    skipBlanks();
    expectEndOfLine();
    types.put(family, type);
  }

  private void parseSample() {
    Labels.Builder labels = Labels.builder().set(Labels.METRIC_NAME, metricName());
    boolean separated = skipBlanks();
    if (!atEnd() && peek() == '{') {
      pos++;
      parseLabels(labels);
      separated = true;
      skipBlanks();
    }
    if (atEnd()) {
      throw error("expected a value");
    }
    if (!separated) {
      throw error("expected '{' or a blank after the metric name");
    }
    int valueColumn = pos;
    String valueText = word();
    double value;
    try {
      value = PrometheusFloats.parse(valueText);
    } catch (NumberFormatException e) {
      pos = valueColumn;
      throw error("invalid value '" + valueText + "'");
    }
    if (skipBlanks() && !atEnd()) {
      int timestampColumn = pos;
      String timestamp = word();
      if (!timestamp.matches("-?[0-9]+")) {
        pos = timestampColumn;
        throw error("invalid timestamp '" + timestamp + "' (milliseconds, an integer)");
      }
      skipBlanks();
    }
    expectEndOfLine();
    samples.add(new Sample(labels.build(), value));
  }

  private void parseLabels(Labels.Builder labels) {
    while (true) {
      skipBlanks();
      if (atEnd()) {
        throw error("expected a label name or '}'");
      }
      if (peek() == '}') {
        pos++;
        return;
      }
      int nameColumn = pos;
      String name = labelName();
      if (labels.has(name)) {
        pos = nameColumn;
        throw error("label '" + name + "' appears twice");
      }
      skipBlanks();
      expect('=', "after label name '" + name + "'");
      skipBlanks();
      expect('"', "opening the value of label '" + name + "'");
      labels.set(name, quotedValue(name));
      skipBlanks();
      if (atEnd()) {
        throw error("expected ',' or '}' after the value of label '" + name + "'");
      }
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("expected ',' or '}' after the value of label '" + name + "'");
      }
    }
  }

  /** The value after its opening quote, unescaped; leaves {@code pos} after the closing quote. */
  private String quotedValue(String labelName) {
    int openingQuote = pos - 1;
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (atEnd()) {
        break;
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case '\\' -> value.append('\\');
        case '"' -> value.append('"');
        case 'n' -> value.append('\n');
        default -> value.append('\\').append(escaped); // kept as written, as Prometheus does
      }
    }
    pos = openingQuote;
    throw error("the value of label '" + labelName + "' has no closing quote");
  }

  private String metricName() {
    int start = pos;
    if (atEnd() || !isNameStart(peek()) && peek() != ':') {
      throw error("expected a metric name");
    }
    while (!atEnd() && (isNameStart(peek()) || isDigit(peek()) || peek() == ':')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String labelName() {
    int start = pos;
    if (!isNameStart(peek())) {
      throw error("expected a label name");
    }
    while (!atEnd() && (isNameStart(peek()) || isDigit(peek()))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String word() {
    int start = pos;
    while (!atEnd() && !isBlank(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String where) {
    if (atEnd() || peek() != c) {
      throw error("expected '" + c + "' " + where);
    }
    pos++;
  }

  private void expectEndOfLine() {
    if (!atEnd()) {
      throw error("unexpected '" + text.substring(pos, lineEnd) + "' at the end of the line");
    }
  }

  /** Skips blanks and tabs; true when there were any. */
  private boolean skipBlanks() {
    int start = pos;
    while (!atEnd() && isBlank(peek())) {
      pos++;
    }
    return pos > start;
  }

  private boolean atEnd() {
    return pos >= lineEnd;
  }

  private char peek() {
    return text.charAt(pos);
  }

  private ExpositionFormatException error(String problem) {
    return new ExpositionFormatException(lineNumber, pos - lineStart + 1, problem);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isNameStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
