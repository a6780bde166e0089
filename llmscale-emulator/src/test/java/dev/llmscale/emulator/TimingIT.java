package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wall-clock timing as a client measures it: the model's per-request overhead plus one prefill step
 * before the first token, then one decode step per token; all divided by the speed-up.
 */
@ExtendWith(NettyLeakCheck.class)
class TimingIT {
  private static final double OVERHEAD = 0.200;
  private static final double STEP = 0.040;

  @ParameterizedTest(name = "speed-up {0}")
  @ValueSource(doubles = {1, 4})
  void firstTokenAfterOverheadAndPrefillThenOneTokenPerStep(double speedUp) throws Exception {
    try (EmulatorServer server =
        EmulatorServer.start(
            TestServers.options(new LinearPerformanceModel(STEP, 0, OVERHEAD))
                .speedUp(speedUp)
                .build())) {
      ApiClient api = new ApiClient(server.baseUri());
      api.post("/v1/completions", "{\"prompt\":\"warm up\",\"max_tokens\":1}");

      long sent = System.nanoTime();
      ApiClient.StreamedResponse response =
          api.stream(
              "/v1/completions", "{\"stream\":true,\"max_tokens\":6,\"prompt\":\"time me\"}");

      List<ApiClient.Event> tokens = response.events().subList(0, 6);
      double ttft = (tokens.get(0).nanos() - sent) / 1e9;
      double expectedTtft = (OVERHEAD + STEP) / speedUp;
      assertThat(ttft).isBetween(expectedTtft, expectedTtft + 0.060);
      double decode = (tokens.get(5).nanos() - tokens.get(0).nanos()) / 1e9;
      double expectedDecode = 5 * STEP / speedUp;
      assertThat(decode).isBetween(expectedDecode - 0.015, expectedDecode + 0.030);

      // The overhead is not queueing: an idle engine takes the request as soon as it is over.
      double queued =
          api.metric("vllm:request_queue_time_seconds_sum")
              / api.metric("vllm:request_queue_time_seconds_count");
      assertThat(queued).isLessThan(0.005);
      double ttftMetric =
          api.metric("vllm:time_to_first_token_seconds_sum")
              / api.metric("vllm:time_to_first_token_seconds_count");
      assertThat(ttftMetric).isBetween(expectedTtft, expectedTtft + 0.060);
    }
  }
}
