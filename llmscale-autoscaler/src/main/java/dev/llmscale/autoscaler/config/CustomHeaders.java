package dev.llmscale.autoscaler.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HTTP headers given as a mapping ({@code {X-Scope-OrgID: team-a}}) or as KEDA writes them in
 * trigger metadata ({@code "X-Scope-OrgID=team-a,X-Other=b"}).
 */
final class CustomHeaders {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private CustomHeaders() {}

  static Map<String, String> read(ConfigNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!node.isPresent()) {
      return headers;
    }
    if (node.isMapping()) {
      node.fields().forEach((name, value) -> headers.put(name, value.text()));
    } else {
      for (String pair : node.text().split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        String[] parts = pair.split("=", 2);
        if (parts.length != 2) {
          throw node.error("expected name=value pairs separated by commas, found '" + pair + "'");
        }
        headers.put(parts[0].strip(), parts[1].strip());
      }
    }
    for (String name : headers.keySet()) {
      if (!TOKEN.matcher(name).matches()) {
        throw node.error("'" + name + "' is not a valid HTTP header name");
      }
    }
    return headers;
  }
}
