package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void quotedStringsRoundTripThroughAJsonParser() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u2028k\u2029l é 😀 </script>";
    String quoted = JsonText.quote(nasty);

    assertThat(new ObjectMapper().readValue(quoted, String.class)).isEqualTo(nasty);
    assertThat(quoted).doesNotContain("\n", "\u0000", "\u2028").contains("\\u0000", "\\u2028");
  }
}
