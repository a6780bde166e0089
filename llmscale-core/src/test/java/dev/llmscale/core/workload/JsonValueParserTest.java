package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueParserTest {

  @Test
  void parsesEveryKindOfValue() {
    Object value =
        JsonValueParser.parse(
            " {\"a\": [1, -2, 3.5e2], \"s\": \"x\\\"y\\u00e9\\n\", \"t\": true, \"f\": false,"
                + " \"n\": null, \"o\": {}, \"e\": [], \"big\": 123456789012345678901} ");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(List.copyOf(map.keySet()))
        .isEqualTo(List.of("a", "s", "t", "f", "n", "o", "e", "big"));
    assertThat(map.get("a")).isEqualTo(List.of(1L, -2L, 350.0));
    assertThat(map.get("s")).isEqualTo("x\"y\u00e9\n");
    assertThat(map.get("t")).isEqualTo(true);
    assertThat(map.get("f")).isEqualTo(false);
    assertThat(map.get("n")).isNull();
    assertThat(map.get("o")).isEqualTo(Map.of());
    assertThat(map.get("e")).isEqualTo(List.of());
    assertThat(map.get("big")).isEqualTo(1.2345678901234568E20);
  }

  @Test
  void reportsTheColumnOfAnError() {
    assertThatThrownBy(() -> JsonValueParser.parse("{\"a\" 1}"))
        .hasMessage("expected ':' at column 6");
    assertThatThrownBy(() -> JsonValueParser.parse("[1, 2"))
        .hasMessage("unexpected end of input at column 6");
    assertThatThrownBy(() -> JsonValueParser.parse("{\"a\":1} x"))
        .hasMessageContaining("unexpected text after");
    assertThatThrownBy(() -> JsonValueParser.parse("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("repeated key 'a'");
  }
}
