package dev.zisk4j.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One server configuration file, read once: a flat TOML table whose keys are the server's long
 * flag names ({@code max-clients = 2000}, {@code bind = "127.0.0.1"}).
 *
 * <p>The older {@code key=value} properties format is still read, as deprecated: a file named
 * {@code *.properties}, or one that is not valid TOML but is made only of {@code key=value} lines.
 * {@link #legacy()} tells the caller to warn.
 *
 * <p>Values keep their TOML type (String, Long, Double, Boolean); a legacy file has only strings.
 * Tables and arrays are refused here, naming the key, because no server setting takes them.
 */
public final class ConfigFile {
  /** A line of the old format: key=value with a bare value (a quote or bracket means TOML was meant). */
  private static final Pattern PROPERTY_LINE =
      Pattern.compile("\\s*[A-Za-z0-9][A-Za-z0-9._-]*\\s*[=:]\\s*+(?![\"'\\[{]).*");

  private final Path path;
  private final Map<String, Object> values;
  private final boolean legacy;

  private ConfigFile(Path path, Map<String, Object> values, boolean legacy) {
    this.path = path;
    this.values = Collections.unmodifiableMap(values);
    this.legacy = legacy;
  }

  /**
   * Reads {@code path}.
   *
   * @throws ConfigException naming the file: missing, a directory, unreadable, not TOML, or a
   *     key holding a table or an array
   */
  public static ConfigFile load(Path path) {
    if (Files.isDirectory(path)) {
      throw new ConfigException("config file is a directory: file=" + path);
    }
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: file=" + path);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file: file=" + path + ": " + e.getMessage(), e);
    }
    if (path.getFileName().toString().endsWith(".properties")) {
      return legacy(path, text);
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      if (looksLikeProperties(text)) {
        return legacy(path, text);
      }
      throw new ConfigException("config file is not valid TOML: file=" + path + ": " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (root != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        values.put(e.getKey(), scalar(path, e.getKey(), e.getValue()));
      }
    }
    return new ConfigFile(path, values, false);
  }

  private static Object scalar(Path path, String key, JsonNode v) {
    if (v.isObject()) {
      throw new ConfigException("config file " + path + ": key '" + key
          + "' is a table; server settings are flat keys named like the flags (e.g. max-clients = 2000)");
    }
    if (v.isArray()) {
      throw new ConfigException("config file " + path + ": key '" + key + "' is an array; no server setting takes a list");
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    return v.asText();
  }

  private static boolean looksLikeProperties(String text) {
    List<String> lines = text.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!")).toList();
    return !lines.isEmpty() && lines.stream().allMatch(l -> PROPERTY_LINE.matcher(l).matches());
  }

  private static ConfigFile legacy(Path path, String text) {
    Properties p = new Properties();
    try (Reader r = new java.io.StringReader(text)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read properties file: file=" + path + ": " + e.getMessage(), e);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, p.getProperty(k).strip()));
    return new ConfigFile(path, values, true);
  }

  public Path path() {
    return path;
  }

  /** Key to value (String, Long, BigInteger when beyond long, Double or Boolean), in file order. */
  public Map<String, Object> values() {
    return values;
  }

  /** True for the deprecated key=value properties format. */
  public boolean legacy() {
    return legacy;
  }

  /** "config file F, key 'k'", for messages. */
  String describe(String key) {
    return "config file " + path + ", key '" + key + "'";
  }
}
