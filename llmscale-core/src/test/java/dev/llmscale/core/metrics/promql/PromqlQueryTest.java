package dev.llmscale.core.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parser accepts, and how it reports what it does not. */
class PromqlQueryTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "histogram_quantile(0.99, sum by (le) (rate(llmscale_frontend_time_to_first_token_seconds_bucket[1m])))",
        "histogram_quantile(0.99, sum by (le) (rate(dynamo_frontend_time_to_first_token_seconds_bucket{model=\"m\"}[1m])))",
        "histogram_quantile(0.95, sum by (model, le) (rate(llmscale_frontend_inter_token_latency_seconds_bucket[30s])))",
        "sum(rate(llmscale_frontend_requests_total[1m]))",
        "sum(rate(dynamo_frontend_requests_total{model=\"m\",status=\"success\"}[5m]))",
        "sum(rate(llmscale_frontend_input_sequence_tokens_sum[1m])) / sum(rate(llmscale_frontend_input_sequence_tokens_count[1m]))",
        "sum(llmscale_frontend_queued_requests) + sum(vllm:num_requests_waiting)",
        "sum(dynamo_frontend_queued_requests{model=\"m\"}) + sum(vllm:num_requests_waiting{model_name=\"m\"})",
        "sum by (error_type) (rate(llmscale_frontend_requests_total{status=\"error\"}[5m])) / ignoring(error_type) group_left sum(rate(llmscale_frontend_requests_total[5m]))",
        "max_over_time(vllm:kv_cache_usage_perc[1m]) * 100",
        "clamp_min(avg(irate(vllm:generation_tokens_total[1m])), 0)",
        "# a comment\nsum(x) by (a,)",
        "x{a=\"b\",}",
        "x{a=~`.*\\d`}",
        "x{a='single \\'quoted\\''}",
        "rate(x[1h30m]) - 1",
      })
  void acceptsTheQueriesTheAutoscalerAndTheDocsUse(String query) {
    assertThat(PromqlQuery.parse(query).text()).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          rate(x)                   | 6  | expected a range vector as argument 1 of rate(), got an instant vector, as in rate(metric[1m])
          sum(rate(x[1m])           | 16 | expected ')' closing sum(...), found the end of the query
          x[5]                      | 3  | expected a duration such as 30s, 1m or 5m, found number 5
          x[0s]                     | 3  | a range must be longer than 0
          x[5m:1m]                  | 5  | subqueries are not supported
          x > 1                     | 3  | the comparison operator '>' is not supported (+ - * / are)
          x or y                    | 3  | the set operator 'or' is not supported
          x % 2                     | 3  | the operator '%' is not supported
          x @ 100                   | 3  | the @ modifier is not supported
          x offset 5m               | 3  | the offset modifier is not supported
          x * bool 2                | 5  | the bool modifier belongs to comparison operators
          topk(3, x)                | 1  | aggregation 'topk' is not supported (sum, avg, min, max, count are)
          foo(x)                    | 1  | unknown or unsupported function 'foo' (supported: rate, increase,
          x{a=~"("}                 | 6  | bad regular expression "("
          x{a="b"                   | 8  | expected ',' or '}' in the selector, found the end of the query
          x{a}                      | 4  | expected one of = != =~ !~ after label name 'a', found '}'
          x{a=b}                    | 5  | expected a quoted label value after a=, found 'b'
          x{a="b}                   | 5  | unterminated string
          x{__name__="y"}           | 3  | matchers on __name__ are not supported
          {a="b"}                   | 1  | a selector needs a metric name before '{'
          x[1m]                     | 1  | the query yields a range vector
          sum(x[1m])                | 5  | expected an instant vector in aggregation sum, got a range vector
          sum(x, y)                 | 6  | sum(...) takes one argument
          sum by (a) (x) by (b)     | 16 | sum has a by/without clause already
          sum by (le (x)            | 12 | expected ',' or ')' in by(...), found '('
          1 + on(a) 2               | 3  | vector matching (on, ignoring, group_left, group_right) needs instant vectors
          x[5m] + 1                 | 7  | operator '+' needs scalar or instant vector operands, found a range vector
          histogram_quantile(x, y)  | 20 | expected a scalar as argument 1 of histogram_quantile(), got an instant vector
          rate(x[1m], 2)            | 1  | rate() takes 1 argument(s), found 2
          x +                       | 4  | expected an expression, found the end of the query
          "abc"                     | 1  | expected an expression, found string "abc"
          1e                        | 1  | bad number or duration '1e'
          x[1x]                     | 3  | bad number or duration '1x'
          x[5m1]                    | 3  | bad duration '5m1'
          a * on(b) group_left(b) c | 11 | label 'b' must not be in on(...) and in group_left
          """)
  void namesThePositionAndWhatWasExpected(String query, int position, String problem) {
    assertThatThrownBy(() -> PromqlQuery.parse(query))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageStartingWith("bad query at position " + position + ": ")
        .hasMessageContaining(problem)
        .hasMessageEndingWith(" in: " + query)
        .satisfies(e -> assertThat(((PromqlParseException) e).position()).isEqualTo(position));
  }

  @Test
  void anEmptyQueryIsAnError() {
    assertThatThrownBy(() -> PromqlQuery.parse("  "))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("the query is empty");
  }
}
