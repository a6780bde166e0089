package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayOptionsTest {

  @Test
  void defaultsAreUsable() {
    GatewayOptions options = GatewayOptions.builder().build();

    assertThat(options.router()).isEqualTo("least-load");
    assertThat(options.metricsPrefix()).isEqualTo("llmscale_frontend_");
    assertThat(options.ttftBudget()).as("admission control is off by default").isNull();
  }

  @Test
  void rejectsWhatCannotWork() {
    assertThatThrownBy(() -> GatewayOptions.builder().router("random").build())
        .hasMessageContaining("unknown router 'random'");
    assertThatThrownBy(() -> GatewayOptions.builder().metricsPrefix("dynamo-frontend_").build())
        .hasMessageContaining("not a Prometheus name prefix");
    assertThatThrownBy(() -> GatewayOptions.builder().metricsPrefix("dynamo_frontend").build())
        .hasMessageContaining("ending in '_'");
    assertThatThrownBy(() -> GatewayOptions.builder().refusalStatus(500).build())
        .hasMessageContaining("429 or 503");
    assertThatThrownBy(() -> GatewayOptions.builder().ttftBudget(Duration.ZERO).build())
        .hasMessageContaining("TTFT budget");
  }
}
