package dev.llmscale.emulator;

import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.DrainGate;
import java.util.function.BooleanSupplier;

/**
 * Whether the server takes generation requests (not while the emulated model loads, nor once it
 * drains or the engine has died), and how many accepted requests are still in flight, which is what
 * a drain waits for. Thread-safe.
 */
final class AdmissionGate extends DrainGate {
  private final long readyAtNanos;
  private final BooleanSupplier engineAlive;
  private volatile boolean loaded;

  AdmissionGate(long readyAtNanos, BooleanSupplier engineAlive) {
    this.readyAtNanos = readyAtNanos;
    this.engineAlive = engineAlive;
  }

  /** Past the startup delay. */
  boolean loaded() {
    if (!loaded && System.nanoTime() - readyAtNanos >= 0) {
      loaded = true;
    }
    return loaded;
  }

  /** What {@code /health} reports: loaded, not draining, engine running. */
  boolean healthy() {
    return loaded() && !draining() && engineAlive.getAsBoolean();
  }

  /** Why a new generation request is refused now, or null when it is welcome. */
  ApiError refusal() {
    if (draining()) {
      return ApiError.unavailable("The server is shutting down and takes no new requests.");
    }
    if (!loaded()) {
      return ApiError.unavailable("The model is still loading; retry when /health returns 200.");
    }
    if (!engineAlive.getAsBoolean()) {
      return ApiError.unavailable("The engine has stopped.");
    }
    return null;
  }
}
