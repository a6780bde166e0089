package dev.llmscale.loadgen;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** In-process emulators on loopback, built from the catalog as {@code llmscale emulator} does. */
final class TestEmulators {
  private TestEmulators() {}

  static PerformanceModel roofline(String model, String gpu) {
    Catalog catalog = Catalog.builtIn();
    return PerformanceModels.create("roofline", catalog.model(model), catalog.gpu(gpu), null);
  }

  static EmulatorServer start(String model, String gpu, PerformanceModel performance)
      throws InterruptedException {
    return start(model, gpu, performance, 1);
  }

  static EmulatorServer start(
      String model, String gpu, PerformanceModel performance, double speedUp)
      throws InterruptedException {
    Catalog catalog = Catalog.builtIn();
    ModelSpec modelSpec = catalog.model(model);
    GpuSpec gpuSpec = catalog.gpu(gpu);
    return EmulatorServer.start(
        EmulatorOptions.builder(modelSpec, gpuSpec, performance)
            .host("127.0.0.1")
            .port(0)
            .ioThreads(1)
            .tokenizerThreads(1)
            .speedUp(speedUp)
            .build());
  }

  static Endpoint endpoint(URI base, ApiKind api, boolean streaming, String model) {
    return new Endpoint(
        base,
        api,
        streaming,
        Optional.empty(),
        model,
        false,
        Map.of(),
        new Endpoint.ClientTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(60), Optional.empty()));
  }

  static String metrics(EmulatorServer server) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.baseUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The value of the first sample named {@code name} (labels ignored). */
  static double sample(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
      if (end > 0 && line.substring(0, end).equals(name)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name);
  }

  /** A summary's quantile, e.g. {@code quantile(text, "…_emit_lag_seconds", "0.99")}. */
  static double quantile(String text, String name, String quantile) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("quantile=\"" + quantile + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no quantile " + quantile + " of " + name);
  }
}
