package dev.zisk4j.cli.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one configuration mechanism of every zisk4j server: each setting is a long flag of the
 * server's command, and comes from, in order of precedence,
 * <ol>
 *   <li>the flag on the command line ({@code --max-clients 2000}),
 *   <li>the environment, {@code ZISK4J_<SERVER>_<KEY>} ({@code ZISK4J_DATASTREAM_SERVER_MAX_CLIENTS=2000}),
 *   <li>the TOML file given with {@code --config} ({@code max-clients = 2000}),
 *   <li>the flag's default.
 * </ol>
 * The keys are the same everywhere: the flag name without its dashes (in the environment upper-cased
 * with {@code -} as {@code _}). A key the server does not know, in the file or under the server's
 * environment prefix, is refused naming the key and where it was, so a typo never passes silently.
 *
 * <p>Use from a server command: {@code @Mixin ConfigFileOption config = new ConfigFileOption();} and,
 * first thing in {@code call()}:
 * {@code ServerConfiguration.forServer("coordinator").apply(spec, config.file(), System.getenv(), err)}.
 * It writes the winning values into the command's option fields (so the command then reads its fields
 * as usual) and returns where each came from. Options inside argument groups and multi-valued
 * options are flag-only.
 */
public final class ServerConfiguration {
  private final String server;
  private final String envPrefix;
  private final String legacyEnvPrefix;

  private ServerConfiguration(String server, String legacyEnvPrefix) {
    if (!server.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("server name must be lower-case words joined by '-': server=" + server);
    }
    this.server = server;
    this.envPrefix = "ZISK4J_" + server.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    this.legacyEnvPrefix = legacyEnvPrefix;
  }

  /** The mechanism for the server named {@code server} (e.g. "datastream-server", "coordinator"). */
  public static ServerConfiguration forServer(String server) {
    return new ServerConfiguration(server, null);
  }

  /**
   * Also reads {@code prefix + KEY} (an environment prefix an older version used), below the new
   * name, with a warning naming the new variable.
   */
  public ServerConfiguration withLegacyEnvPrefix(String prefix) {
    return new ServerConfiguration(server, Objects.requireNonNull(prefix));
  }

  public String server() {
    return server;
  }

  /** The environment variable for {@code key}, e.g. {@code ZISK4J_COORDINATOR_METRICS_PORT}. */
  public String envName(String key) {
    return envPrefix + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Resolves every configurable option of {@code spec} that the command line did not set and writes
   * the winning value into it.
   *
   * @param spec the server command, already parsed
   * @param file the {@code --config} file, or null
   * @param env the environment (tests pass their own map)
   * @param warnings where deprecation warnings go (one line each)
   * @throws ConfigException for an unknown key, a bad value, or an unreadable file, naming it
   */
  public ResolvedSettings apply(CommandSpec spec, Path file, Map<String, String> env, PrintWriter warnings) {
    Map<String, OptionSpec> options = configurable(spec);
    ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
    ConfigFile cfg = file == null ? null : ConfigFile.load(file);
    if (cfg != null) {
      if (cfg.legacy()) {
        warn(warnings, cfg.path() + " is a key=value properties file, a deprecated format: write it as TOML"
            + " with the same keys (numbers bare, strings quoted: bind = \"127.0.0.1\")");
      }
      for (String key : cfg.values().keySet()) {
        if (!options.containsKey(key)) {
          throw new ConfigException("config file " + cfg.path() + ": unknown key '" + key + "' for " + server
              + " (known keys: " + String.join(", ", new TreeSet<>(options.keySet())) + ")");
        }
      }
    }
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith(envPrefix) && !options.containsKey(keyOf(name))) {
        throw new ConfigException("environment variable " + name + ": unknown setting '" + keyOf(name) + "' for "
            + server + " (known keys: " + String.join(", ", new TreeSet<>(options.keySet())) + ")");
      }
    }
    Map<String, SettingSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, OptionSpec> e : options.entrySet()) {
      String key = e.getKey();
      OptionSpec opt = e.getValue();
      if (parsed != null && parsed.hasMatchedOption(opt)) {
        sources.put(key, SettingSource.flag(key));
        continue;
      }
      String var = envName(key);
      String legacyVar = legacyEnvPrefix == null ? null : legacyEnvPrefix + key.toUpperCase(Locale.ROOT).replace('-', '_');
      SettingSource source;
      Object raw;
      if (present(env.get(var))) {
        source = SettingSource.env(var);
        raw = env.get(var);
      } else if (legacyVar != null && present(env.get(legacyVar))) {
        warn(warnings, "environment variable " + legacyVar + " is deprecated: use " + var);
        source = SettingSource.env(legacyVar);
        raw = env.get(legacyVar);
      } else if (cfg != null && cfg.values().containsKey(key)) {
        source = SettingSource.file(cfg, key);
        raw = cfg.values().get(key);
      } else {
        sources.put(key, SettingSource.byDefault());
        continue;
      }
      boolean typed = source.kind() == SettingSource.Kind.FILE && !cfg.legacy();
      opt.setValue(SettingValues.convert(opt.type(), raw, source.where(), typed));
      sources.put(key, source);
    }
    return new ResolvedSettings(server, sources);
  }

  private String keyOf(String envName) {
    return envName.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static boolean present(String v) {
    return v != null && !v.isBlank();
  }

  private static void warn(PrintWriter warnings, String line) {
    if (warnings != null) {
      warnings.println("warning: " + line);
      warnings.flush();
    }
  }

  /** Key (long name without dashes) to option, for every option a file or the environment may set. */
  static Map<String, OptionSpec> configurable(CommandSpec spec) {
    Map<String, OptionSpec> byKey = new LinkedHashMap<>();
    List<OptionSpec> all = spec.options();
    for (OptionSpec o : all) {
      String longest = o.longestName();
      if (o.usageHelp() || o.versionHelp() || o.group() != null || !longest.startsWith("--")
          || longest.equals("--config") || o.typeInfo().isMultiValue()) {
        continue;
      }
      if (!SettingValues.supported(o.type())) {
        throw new IllegalStateException("option " + longest + " of " + spec.qualifiedName()
            + " has a type configuration cannot set: type=" + o.type().getName());
      }
      byKey.put(longest.substring(2), o);
    }
    return byKey;
  }
}
