package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's view of the replicas, kept off the event loops: an active health check
 * ({@code GET /health}) that takes a replica out of rotation after {@code unhealthyThreshold}
 * failures in a row and back in after one success; a scrape of its {@code /metrics} for the engine
 * queue and KV usage that load-aware routing and admission control read; and its {@code /v1/models}
 * (when it becomes healthy, then every {@value #MODELS_EVERY} health checks). One scheduler thread
 * drives the checks; the JDK HTTP client performs them asynchronously.
 */
final class ReplicaMonitor implements Fleet.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
  private static final int MODELS_EVERY = 15;

  private final Fleet fleet;
  private final GatewayOptions options;
  private final ObjectMapper mapper;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final Map<Upstream, Probe> probes = new ConcurrentHashMap<>();

  /** Per-replica check state; touched only by the scheduler and the HTTP client's callbacks. */
  private static final class Probe {
    volatile boolean healthCheckRunning;
    volatile boolean scrapeRunning;
    int failuresInARow;
    int checks;
    String lastProblem;
  }

  ReplicaMonitor(Fleet fleet, GatewayOptions options, ObjectMapper mapper) {
    this.fleet = fleet;
    this.options = options;
    this.mapper = mapper;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "llmscale-gateway-monitor");
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .executor(scheduler)
            .connectTimeout(options.healthTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  void start() {
    scheduler.scheduleWithFixedDelay(
        this::checkAll, 0, options.healthInterval().toNanos(), TimeUnit.NANOSECONDS);
    scheduler.scheduleWithFixedDelay(
        this::scrapeAll,
        options.scrapeInterval().toNanos(),
        options.scrapeInterval().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public void added(Upstream upstream) {
    probes.put(upstream, new Probe());
    scheduler.execute(() -> check(upstream)); // a new replica should not wait a whole interval
  }

  @Override
  public void retired(Upstream upstream) {
    probes.remove(upstream);
  }

  private void checkAll() {
    for (Upstream upstream : fleet.members()) {
      // A removed replica takes no new requests, and draining it answers /health with 503 by
      // design: its health no longer decides anything, so it is not checked (nor reported).
      if (!upstream.draining()) {
        check(upstream);
      }
    }
  }

  private void scrapeAll() {
    for (Upstream upstream : fleet.members()) {
      if (upstream.healthy()) {
        scrape(upstream);
      }
    }
  }

  private void check(Upstream upstream) {
    Probe probe = probes.get(upstream);
    if (probe == null || probe.healthCheckRunning) {
      return;
    }
    probe.healthCheckRunning = true;
    http.sendAsync(get(upstream, "/health"), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              probe.healthCheckRunning = false;
              if (failure == null && response.statusCode() == 200) {
                passed(upstream, probe);
              } else {
                failed(
                    upstream,
                    probe,
                    failure != null
                        ? describe(failure)
                        : "/health answered " + response.statusCode());
              }
            });
  }

  private void passed(Upstream upstream, Probe probe) {
    probe.failuresInARow = 0;
    probe.lastProblem = null;
    if (!upstream.modelsKnown() || probe.checks++ % MODELS_EVERY == 0) {
      listModels(upstream);
    } else if (!upstream.healthy()) {
      becameHealthy(upstream);
    }
  }

  private void becameHealthy(Upstream upstream) {
    if (!upstream.healthy()) {
      upstream.healthy(true);
      scrape(upstream);
      LOG.info(
          "upstream {} is healthy, serving {}",
          upstream,
          upstream.models().stream().map(ModelEntry::id).toList());
    }
  }

  private void failed(Upstream upstream, Probe probe, String problem) {
    probe.failuresInARow++;
    if (upstream.healthy() && probe.failuresInARow >= options.unhealthyThreshold()) {
      upstream.healthy(false);
      LOG.warn("upstream {} is unhealthy: {}", upstream, problem);
    } else if (!upstream.healthy() && !problem.equals(probe.lastProblem)) {
      LOG.info("upstream {} is not ready: {}", upstream, problem);
    }
    probe.lastProblem = problem;
  }

  private void listModels(Upstream upstream) {
    http.sendAsync(get(upstream, "/v1/models"), HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, failure) -> {
              if (failure != null || response.statusCode() != 200) {
                LOG.debug("upstream {}: cannot list models: {}", upstream, failure);
                return;
              }
              List<ModelEntry> models;
              try {
                models = parseModels(response.body());
              } catch (RuntimeException | java.io.IOException e) {
                LOG.warn("upstream {}: unreadable /v1/models: {}", upstream, e.toString());
                return;
              }
              boolean changed = !upstream.modelsKnown() || !sameIds(upstream.models(), models);
              upstream.models(models);
              if (changed) {
                fleet.modelsChanged();
              }
              if (!models.isEmpty() && probes.containsKey(upstream)) {
                becameHealthy(upstream);
              }
            });
  }

  private List<ModelEntry> parseModels(byte[] body) throws java.io.IOException {
    JsonNode data = mapper.readTree(body).path("data");
    List<ModelEntry> models = new ArrayList<>();
    for (JsonNode model : data) {
      if (model.isObject() && model.path("id").isTextual()) {
        models.add(
            new ModelEntry(
                model.get("id").asText(),
                model.path("max_model_len").asInt(0),
                (ObjectNode) model));
      }
    }
    return models;
  }

  private static boolean sameIds(List<ModelEntry> a, List<ModelEntry> b) {
    return a.stream().map(ModelEntry::id).toList().equals(b.stream().map(ModelEntry::id).toList())
        && a.stream()
            .map(ModelEntry::maxModelLen)
            .toList()
            .equals(b.stream().map(ModelEntry::maxModelLen).toList());
  }

  private void scrape(Upstream upstream) {
    Probe probe = probes.get(upstream);
    if (probe == null || probe.scrapeRunning) {
      return;
    }
    probe.scrapeRunning = true;
    http.sendAsync(get(upstream, "/metrics"), HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, failure) -> {
              probe.scrapeRunning = false;
              if (failure == null && response.statusCode() == 200) {
                EngineSample sample = EngineMetricsText.parse(response.body(), System.nanoTime());
                if (sample != null) {
                  upstream.sample(sample);
                }
              }
            });
  }

  private HttpRequest get(Upstream upstream, String path) {
    return HttpRequest.newBuilder(URI.create(upstream.id() + path))
        .timeout(options.healthTimeout())
        .GET()
        .build();
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    http.shutdownNow();
  }
}
