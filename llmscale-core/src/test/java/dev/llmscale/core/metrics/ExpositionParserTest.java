package dev.llmscale.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionParserTest {

  private static final String GATEWAY_AND_ENGINE_PAGE =
      """
      # HELP llmscale_frontend_time_to_first_token_seconds Time to first token.
      # TYPE llmscale_frontend_time_to_first_token_seconds histogram
      llmscale_frontend_time_to_first_token_seconds_bucket{model="Qwen/Qwen3-0.6B",le="0.1"} 3
      llmscale_frontend_time_to_first_token_seconds_bucket{model="Qwen/Qwen3-0.6B",le="+Inf"} 5
      llmscale_frontend_time_to_first_token_seconds_count{model="Qwen/Qwen3-0.6B"} 5
      llmscale_frontend_time_to_first_token_seconds_sum{model="Qwen/Qwen3-0.6B"} 0.75
      # TYPE llmscale_frontend_queued_requests gauge
      llmscale_frontend_queued_requests{model="Qwen/Qwen3-0.6B"} 2.0

      # a comment that is neither HELP nor TYPE
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{engine="0",model_name="Qwen/Qwen3-0.6B"} 4
      vllm:kv_cache_usage_perc{engine="0",model_name="Qwen/Qwen3-0.6B",} NaN
      summary_quantile{quantile="0.99"} -Inf 1700000000000
      """;

  @Test
  void readsTheSamplesOfAGatewayAndEnginePage() {
    Exposition page = ExpositionParser.parse(GATEWAY_AND_ENGINE_PAGE);

    assertThat(page.samples())
        .hasSize(8)
        .first()
        .isEqualTo(
            new Sample(
                Labels.metric(
                    "llmscale_frontend_time_to_first_token_seconds_bucket",
                    "model",
                    "Qwen/Qwen3-0.6B",
                    "le",
                    "0.1"),
                3));
    assertThat(page.samples().get(1).labels().get("le")).isEqualTo("+Inf");
    assertThat(page.samples().get(5))
        .isEqualTo(
            new Sample(
                Labels.metric(
                    "vllm:num_requests_waiting", "engine", "0", "model_name", "Qwen/Qwen3-0.6B"),
                4));
    assertThat(page.samples().get(6).value()).isNaN();
    assertThat(page.samples().get(7).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(page.types())
        .isEqualTo(
            Map.of(
                "llmscale_frontend_time_to_first_token_seconds", MetricType.HISTOGRAM,
                "llmscale_frontend_queued_requests", MetricType.GAUGE,
                "vllm:num_requests_waiting", MetricType.GAUGE));
  }

  @Test
  void unescapesLabelValuesAndKeepsUnknownEscapesAsWritten() {
    Exposition page =
        ExpositionParser.parse(
            "m{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",lines=\"a\\nb\",tab=\"a\\tb\"} 1\n");

    Labels labels = page.samples().get(0).labels();
    assertThat(labels.get("path")).isEqualTo("C:\\dir");
    assertThat(labels.get("quote")).isEqualTo("say \"hi\"");
    assertThat(labels.get("lines")).isEqualTo("a\nb");
    assertThat(labels.get("tab")).isEqualTo("a\\tb");
  }

  @Test
  void acceptsBlanksTabsCarriageReturnsAndAMissingFinalNewline() {
    Exposition page = ExpositionParser.parse("  m { a = \"1\" } \t 2 \r\nn 3");

    assertThat(page.samples())
        .containsExactly(
            new Sample(Labels.metric("m", "a", "1"), 2), new Sample(Labels.metric("n"), 3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          m                         | 1 | 2  | expected a value
          m 1 2 3                   | 1 | 7  | unexpected '3' at the end of the line
          m abc                     | 1 | 3  | invalid value 'abc'
          m 1 12.5                  | 1 | 5  | invalid timestamp '12.5' (milliseconds, an integer)
          m{a="1" 2                 | 1 | 9  | expected ',' or '}' after the value of label 'a'
          m{a="1} 2                 | 1 | 5  | the value of label 'a' has no closing quote
          m{a=1} 2                  | 1 | 5  | expected '"' opening the value of label 'a'
          m{a "1"} 2                | 1 | 5  | expected '=' after label name 'a'
          m{a="1",a="2"} 2          | 1 | 9  | label 'a' appears twice
          m{1a="1"} 2               | 1 | 3  | expected a label name
          # TYPE m countr           | 1 | 10 | unknown metric type 'countr'
          # TYPE m                  | 1 | 9  | expected a type after # TYPE m
          1m 2                      | 1 | 1  | expected a metric name
          """)
  void namesLineColumnAndProblemOfABadLine(
      String line, int lineNumber, int column, String problem) {
    assertThatThrownBy(() -> ExpositionParser.parse(line.strip()))
        .isInstanceOf(ExpositionFormatException.class)
        .hasMessage("line " + lineNumber + ", column " + column + ": " + problem)
        .satisfies(e -> assertThat(((ExpositionFormatException) e).column()).isEqualTo(column));
  }

  @Test
  void countsLinesToTheBadOne() {
    assertThatThrownBy(() -> ExpositionParser.parse("a 1\n\n# HELP a x\nb 2 x\n"))
        .hasMessageStartingWith("line 4, column 5:");
  }
}
