package dev.llmscale.autoscaler.target.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * A field of an object's JSON named by a dotted path, the notation CRDs use for {@code
 * specReplicasPath}: {@code .status.readyReplicas}, {@code
 * .status.components.decode.readyReplicas}. Map keys that contain dots, and list indexes, cannot be
 * named.
 */
record FieldPath(List<String> segments) {

  FieldPath {
    segments = List.copyOf(segments);
  }

  /**
   * @throws IllegalArgumentException if the path is blank, has an empty segment or brackets
   */
  static FieldPath parse(String path) {
    String trimmed = path.strip();
    String body = trimmed.startsWith(".") ? trimmed.substring(1) : trimmed;
    if (body.isEmpty() || body.contains("[") || body.contains("]")) {
      throw new IllegalArgumentException(
          "field path '" + path + "' must be dotted field names, e.g. .status.readyReplicas");
    }
    List<String> segments = List.of(body.split("\\.", -1));
    if (segments.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("field path '" + path + "' has an empty segment");
    }
    return new FieldPath(segments);
  }

  /** The value at this path, or {@code null} where any segment is absent. */
  Object read(GenericKubernetesResource object) {
    return object.get(segments.toArray());
  }

  @Override
  public String toString() {
    return "." + String.join(".", segments);
  }
}
