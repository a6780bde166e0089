package dev.llmscale.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks a server which model it serves ({@code GET /v1/models}), before a run starts. */
public final class ServedModels {
  private ServedModels() {}

  /**
   * The first model id listed.
   *
   * @throws IOException if the server cannot be reached, answers an error or lists no model
   */
  public static String first(Endpoint endpoint) throws IOException, InterruptedException {
    URI uri = URI.create(endpoint.baseUri() + endpoint.path("/v1/models"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(endpoint.timeouts().connect()).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    Optional<String> key = endpoint.apiKey();
    key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("cannot reach " + uri + ": " + describe(e), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    JsonNode models = new ObjectMapper().readTree(response.body()).path("data");
    if (!models.isArray() || models.isEmpty() || !models.get(0).path("id").isTextual()) {
      throw new IOException("GET " + uri + " lists no model; pass --model");
    }
    return models.get(0).path("id").asText();
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
