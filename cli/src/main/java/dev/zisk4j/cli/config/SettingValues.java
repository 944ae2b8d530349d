package dev.zisk4j.cli.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a raw setting (a string from the environment or a properties file, or a typed TOML value)
 * into the Java type of the option it sets. Strict: a TOML string is not an integer, a fraction is
 * not an integer, an integer out of range is refused; every message names the setting, where it
 * came from and what is allowed.
 */
final class SettingValues {
  private SettingValues() {}

  /** True when {@code type} can be set from configuration. */
  static boolean supported(Class<?> type) {
    return type == String.class || type == Path.class || type.isEnum()
        || type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == double.class || type == Double.class || type == boolean.class || type == Boolean.class;
  }

  /**
   * Converts {@code raw} for an option of {@code type}.
   *
   * @param where the source, e.g. "config file F, key 'port'" or "environment ZISK4J_X_PORT"
   * @param typed true for a TOML value (a string is then only a string), false for text to parse
   * @throws ConfigException naming {@code where}, the value and the expected type
   */
  static Object convert(Class<?> type, Object raw, String where, boolean typed) {
    if (typed && raw instanceof String && type != String.class && type != Path.class && !type.isEnum()) {
      String expected = type == boolean.class || type == Boolean.class ? "true or false"
          : type == double.class || type == Double.class ? "a number" : "an integer";
      boolean wouldParse;
      try {
        convert(type, raw, where, false);
        wouldParse = true;
      } catch (ConfigException e) {
        wouldParse = false;
      }
      throw new ConfigException(where + ": expected " + expected + ", got " + describe(raw)
          + (wouldParse ? " (write it without quotes)" : ""));
    }
    if (type == String.class) {
      return requireString(raw, where, "a string");
    }
    if (type == Path.class) {
      String s = requireString(raw, where, "a path (a string)");
      if (s.isEmpty()) {
        throw new ConfigException(where + ": expected a path, got an empty string");
      }
      return Path.of(s);
    }
    if (type.isEnum()) {
      return enumValue(type, requireString(raw, where, "one of " + choices(type)), where);
    }
    if (type == int.class || type == Integer.class) {
      long v = integral(raw, where);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new ConfigException(where + ": integer out of range: value=" + v + ", allowed="
            + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE);
      }
      return (int) v;
    }
    if (type == long.class || type == Long.class) {
      return integral(raw, where);
    }
    if (type == double.class || type == Double.class) {
      return number(raw, where);
    }
    if (type == boolean.class || type == Boolean.class) {
      return bool(raw, where);
    }
    throw new IllegalStateException("option type cannot be configured: type=" + type.getName());
  }

  private static String requireString(Object raw, String where, String expected) {
    if (raw instanceof String s) {
      return s;
    }
    throw new ConfigException(where + ": expected " + expected + ", got " + describe(raw)
        + " (quote strings in TOML: key = \"value\")");
  }

  private static long integral(Object raw, String where) {
    switch (raw) {
      case Long l -> {
        return l;
      }
      case BigInteger b -> throw new ConfigException(where + ": integer out of range: value=" + b
          + ", allowed=" + Long.MIN_VALUE + ".." + Long.MAX_VALUE);
      case String s -> {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          throw new ConfigException(where + ": expected an integer, got \"" + s + "\"");
        }
      }
      default -> throw new ConfigException(where + ": expected an integer, got " + describe(raw));
    }
  }

  private static double number(Object raw, String where) {
    switch (raw) {
      case Long l -> {
        return l;
      }
      case Double d -> {
        return d;
      }
      case String s -> {
        try {
          return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          throw new ConfigException(where + ": expected a number, got \"" + s + "\"");
        }
      }
      default -> throw new ConfigException(where + ": expected a number, got " + describe(raw));
    }
  }

  private static boolean bool(Object raw, String where) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s) {
      String v = s.strip().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
      throw new ConfigException(where + ": expected true or false, got \"" + s + "\"");
    }
    throw new ConfigException(where + ": expected true or false, got " + describe(raw));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String s, String where) {
    for (Object c : type.getEnumConstants()) {
      if (((Enum) c).name().equalsIgnoreCase(s.strip())) {
        return c;
      }
    }
    throw new ConfigException(where + ": expected one of " + choices(type) + ", got \"" + s + "\"");
  }

  private static String choices(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList().toString();
  }

  private static String describe(Object raw) {
    return switch (raw) {
      case String s -> "the string \"" + s + "\"";
      case Boolean b -> "the boolean " + b;
      case Double d -> "the number " + d;
      default -> "the integer " + raw;
    };
  }
}
