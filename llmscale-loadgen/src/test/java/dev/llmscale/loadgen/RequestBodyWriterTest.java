package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.workload.PromptSegment;
import dev.llmscale.core.workload.WorkloadRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestBodyWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PromptRenderer RENDERER = PromptRenderer.create("cl100k_base", 1);
  private static final WorkloadRequest REQUEST =
      new WorkloadRequest(
          5,
          List.of(
              new PromptSegment(PromptSegment.Source.SHARED_PREFIX, 1, 10),
              new PromptSegment(PromptSegment.Source.UNIQUE, 5, 20)),
          250);

  @Test
  void chatStreamingBody() throws Exception {
    Endpoint endpoint = endpoint(ApiKind.CHAT, true, false, Map.of());
    PreparedRequest prepared = new RequestBodyWriter(JSON, endpoint, RENDERER).prepare(REQUEST);
    JsonNode body = JSON.readTree(prepared.body());

    assertThat(body.get("model").asText()).isEqualTo("m");
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(RENDERER.countTokens(body.at("/messages/0/content").asText())).isEqualTo(30);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(250);
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(body.has("ignore_eos")).isFalse();
    assertThat(prepared.inputTokens()).isEqualTo(30);
    assertThat(prepared.sharedPrefixId()).isEqualTo(1);
    assertThat(prepared.index()).isEqualTo(5);
  }

  @Test
  void completionsBodyWithIgnoreEosAndExtraFieldsThatWin() throws Exception {
    Endpoint endpoint =
        endpoint(ApiKind.COMPLETIONS, false, true, Map.of("temperature", 0, "max_tokens", 7));
    JsonNode body =
        JSON.readTree(new RequestBodyWriter(JSON, endpoint, RENDERER).prepare(REQUEST).body());

    assertThat(body.get("prompt").isTextual()).isTrue();
    assertThat(body.has("messages")).isFalse();
    assertThat(body.get("stream").asBoolean()).isFalse();
    assertThat(body.has("stream_options")).isFalse();
    assertThat(body.get("ignore_eos").asBoolean()).isTrue();
    assertThat(body.get("temperature").asInt()).isZero();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void baseUrlsWithOrWithoutV1ReachTheSamePaths() {
    Endpoint plain = endpoint(ApiKind.CHAT, true, false, Map.of());
    Endpoint withV1 =
        new Endpoint(
            URI.create("http://127.0.0.1:8001/v1/"),
            ApiKind.CHAT,
            true,
            Optional.empty(),
            "m",
            false,
            Map.of(),
            Endpoint.ClientTimeouts.DEFAULT);
    Endpoint prefixed =
        new Endpoint(
            URI.create("https://gw.example/openai/v1"),
            ApiKind.COMPLETIONS,
            true,
            Optional.of("k"),
            "m",
            false,
            Map.of(),
            Endpoint.ClientTimeouts.DEFAULT);

    assertThat(plain.requestPath()).isEqualTo("/v1/chat/completions");
    assertThat(withV1.requestPath()).isEqualTo("/v1/chat/completions");
    assertThat(withV1.hostHeader()).isEqualTo("127.0.0.1:8001");
    assertThat(prefixed.requestPath()).isEqualTo("/openai/v1/completions");
    assertThat(prefixed.path("/v1/models")).isEqualTo("/openai/v1/models");
    assertThat(prefixed.port()).isEqualTo(443);
    assertThat(prefixed.secure()).isTrue();
  }

  private static Endpoint endpoint(
      ApiKind api, boolean streaming, boolean ignoreEos, Map<String, Object> extra) {
    return new Endpoint(
        URI.create("http://127.0.0.1:8001"),
        api,
        streaming,
        Optional.empty(),
        "m",
        ignoreEos,
        extra,
        Endpoint.ClientTimeouts.DEFAULT);
  }
}
