package dev.llmscale.autoscaler.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a file says that is ignored (never dropped silently), and settings that are valid but
 * probably not meant.
 */
final class Warnings {
  private final List<String> lines = new ArrayList<>();

  void ignored(ConfigNode node, String why) {
    lines.add(node.warning("ignored: " + why));
  }

  void warn(ConfigNode node, String message) {
    lines.add(node.warning(message));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
