package dev.llmscale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models the fleet serves: the union of what each replica last listed at {@code /v1/models}, by
 * id. Immutable; the fleet builds a new one when a replica's list changes.
 */
final class ModelCatalog {
  static final ModelCatalog EMPTY = new ModelCatalog(Map.of());

  private final Map<String, ModelEntry> byId;

  private ModelCatalog(Map<String, ModelEntry> byId) {
    this.byId = byId;
  }

  /** Merges replicas' lists: first card wins, {@code max_model_len} is the smallest reported. */
  static ModelCatalog merge(Collection<List<ModelEntry>> lists) {
    Map<String, ModelEntry> merged = new LinkedHashMap<>();
    for (List<ModelEntry> list : lists) {
      for (ModelEntry entry : list) {
        merged.merge(
            entry.id(),
            entry,
            (a, b) ->
                new ModelEntry(a.id(), smallestKnown(a.maxModelLen(), b.maxModelLen()), a.card()));
      }
    }
    return merged.isEmpty() ? EMPTY : new ModelCatalog(Map.copyOf(merged));
  }

  private static int smallestKnown(int a, int b) {
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The entry for {@code id}, or null when no replica serves it. */
  ModelEntry find(String id) {
    return byId.get(id);
  }

  Collection<ModelEntry> entries() {
    return byId.values();
  }

  /** The one model served, or null when there are none or several. */
  ModelEntry onlyModel() {
    return byId.size() == 1 ? byId.values().iterator().next() : null;
  }

  /** {@code GET /v1/models}: every model once, sorted by id. */
  byte[] listJson(ObjectMapper mapper) {
    ObjectNode list = mapper.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    byId.keySet().stream().sorted().forEach(id -> data.add(byId.get(id).card().deepCopy()));
    try {
      return mapper.writeValueAsBytes(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the model list", e);
    }
  }
}
