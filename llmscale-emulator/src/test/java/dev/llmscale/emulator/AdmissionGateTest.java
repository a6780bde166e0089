package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {
  @Test
  void refusesWhileLoadingWhileDrainingAndWithoutAnEngine() {
    AtomicBoolean engine = new AtomicBoolean(true);
    AdmissionGate loading = new AdmissionGate(System.nanoTime() + 60_000_000_000L, engine::get);
    assertThat(loading.healthy()).isFalse();
    assertThat(loading.refusal().getMessage()).contains("loading");

    AdmissionGate gate = new AdmissionGate(System.nanoTime(), engine::get);
    assertThat(gate.healthy()).isTrue();
    assertThat(gate.refusal()).isNull();
    engine.set(false);
    assertThat(gate.healthy()).isFalse();
    assertThat(gate.refusal().status().code()).isEqualTo(503);
    engine.set(true);
    gate.startDraining();
    assertThat(gate.healthy()).isFalse();
    assertThat(gate.refusal().getMessage()).contains("shutting down");
  }

  @Test
  void drainWaitsForTheLastInFlightRequest() throws Exception {
    AdmissionGate gate = new AdmissionGate(System.nanoTime(), () -> true);
    gate.acquire();
    gate.acquire();
    gate.startDraining();
    assertThat(gate.awaitIdle(20, TimeUnit.MILLISECONDS)).isFalse();

    Thread releaser =
        new Thread(
            () -> {
              gate.release();
              gate.release();
            });
    releaser.start();
    assertThat(gate.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.inFlight()).isZero();
  }
}
