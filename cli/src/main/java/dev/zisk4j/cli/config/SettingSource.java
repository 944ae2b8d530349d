package dev.zisk4j.cli.config;

/**
 * Where a setting's value came from, in order of precedence: a flag beats the environment, which
 * beats the configuration file, which beats the built-in default.
 *
 * @param kind which layer
 * @param where the flag, the environment variable or the file (with the key), for messages
 */
public record SettingSource(Kind kind, String where) {
  /** The layers, highest precedence first. */
  public enum Kind {
    FLAG,
    ENV,
    FILE,
    DEFAULT
  }

  static SettingSource flag(String key) {
    return new SettingSource(Kind.FLAG, "--" + key);
  }

  static SettingSource env(String variable) {
    return new SettingSource(Kind.ENV, "environment " + variable);
  }

  static SettingSource file(ConfigFile f, String key) {
    return new SettingSource(Kind.FILE, f.describe(key));
  }

  static SettingSource byDefault() {
    return new SettingSource(Kind.DEFAULT, "default");
  }

  @Override
  public String toString() {
    return where;
  }
}
