package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.ExternalTools;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official OpenAI SDK (Node) streams a chat completion through the gateway from two replicas.
 * Skipped without node and the SDK in {@code tools/openai-sdk} (unless {@code
 * LLMSCALE_REQUIRE_TOOLS=1}).
 */
@ExtendWith(NettyLeakCheck.class)
class OpenAiSdkIT {

  @Test
  void theOfficialOpenAiSdkStreamsThroughTheGateway() throws Exception {
    Path sdk = ExternalTools.openAiSdk();
    try (EmulatorServer first = Replicas.start(0.002);
        EmulatorServer second = Replicas.start(0.002);
        GatewayServer gateway =
            GatewayServer.start(
                Replicas.gateway().upstream(first.baseUri()).upstream(second.baseUri()).build())) {
      ApiClient api = new ApiClient(gateway.baseUri());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> ApiClient.json(api.get("/ready")).path("replicas").asInt() == 2);

      for (int run = 0; run < 2; run++) { // least-load alternates: both replicas answer
        Process node =
            new ProcessBuilder(
                    "node", "stream-chat.mjs", gateway.baseUri() + "/v1", Replicas.MODEL, "16")
                .directory(sdk.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output)
            .contains("\"completion_tokens\":16")
            .contains("\"finishReason\":\"length\"")
            .contains("\"models\":[\"" + Replicas.MODEL + "\"]")
            .contains("\"chunks\":18"); // role + 16 tokens + usage
      }
      assertThat(first.engineCounters().finishedLength()).isEqualTo(1);
      assertThat(second.engineCounters().finishedLength()).isEqualTo(1);
    }
  }
}
