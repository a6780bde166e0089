package dev.llmscale.openai.testing;

/** Reads sample values out of a Prometheus text exposition. */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The value of the first sample named {@code name} whose labels include every {@code labels}
   * pair, each written {@code key="value"}.
   */
  public static double value(String text, String name, String... labels) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
      if (end < 0 || !line.substring(0, end).equals(name)) {
        continue;
      }
      boolean matches = true;
      for (String label : labels) {
        matches &= line.contains(label);
      }
      if (matches) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + " in\n" + text);
  }
}
