package dev.zisk4j.cli.config;

/**
 * A server setting that cannot be used: unknown key, wrong type, unreadable file. The message names
 * the key, where it came from (file and line, environment variable) and what is allowed.
 */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
