package dev.llmscale.autoscaler.config;

/**
 * An autoscaler configuration that cannot be used. The message is one line, {@code <file>:
 * <field.path>: <what is wrong>}, printable as is: users read it instead of a stack trace.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(oneLine(message));
  }

  public ConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
