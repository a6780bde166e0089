package dev.llmscale.core.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The routers users select by name, each with its defaults. */
public final class Routers {
  private static final Map<String, Supplier<Router>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put(RoundRobinRouter.NAME, RoundRobinRouter::new);
    BY_NAME.put(LeastLoadRouter.NAME, LeastLoadRouter::new);
    BY_NAME.put(PrefixAwareRouter.NAME, PrefixAwareRouter::new);
  }

  private Routers() {}

  /**
   * A new router of that name.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the known ones
   */
  public static Router create(String name) {
    Supplier<Router> router = BY_NAME.get(name);
    if (router == null) {
      throw new IllegalArgumentException(
          "unknown router '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return router.get();
  }

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }
}
