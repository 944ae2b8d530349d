package dev.zisk4j.cli.deploy;

import dev.zisk4j.cli.Main;
import dev.zisk4j.cli.config.ConfigException;
import dev.zisk4j.cli.config.ServerConfiguration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a command line written in a deployment file (compose, Helm, systemd, Dockerfile) against the
 * real {@code zisk4j} command tree: the arguments are parsed by picocli on a fresh
 * {@link Main#newCommandLine()} (so an unknown flag, a missing value or a value of the wrong type fails),
 * then the {@code ZISK4J_<SERVER>_*} environment and the {@code --config} TOML are applied with the
 * servers' own {@link ServerConfiguration} (so an unknown key or a bad value fails). Nothing is started.
 *
 * <p>{@link #PENDING} lists the flags the deployment files use that other branches are adding to the
 * CLI; while a flag is missing from the command it is taken out before parsing and reported. Once the
 * flag exists it is parsed like any other, so its entry here is then dead and can be removed.
 */
final class CliFlags {
  /** Command → pending flag → whether it takes a value. */
  static final Map<String, Map<String, Boolean>> PENDING = Map.of(
      "coordinator", Map.of("--db", true, "--data-dir", true, "--standby", false),
      "worker", Map.of("--token-file", true, "--ca", true));

  /**
   * One checked command line.
   *
   * @param where the file (and place in it) the command came from, for messages
   * @param command the subcommand ("coordinator", "worker")
   * @param spec the parsed command, with flags, environment and file applied
   * @param pendingUsed pending flags (and environment variables) that were used but do not exist yet
   * @param given the flags set on the command line or through a ZISK4J_* variable, pending ones included
   */
  record Checked(String where, String command, CommandSpec spec, Set<String> pendingUsed, Set<String> given) {
    /** The value the command would run with for {@code option}. */
    Object value(String option) {
      OptionSpec o = spec.findOption(option);
      if (o == null) {
        throw new AssertionError(where + ": " + command + " has no option " + option);
      }
      return o.getValue();
    }

    int intValue(String option) {
      return ((Number) value(option)).intValue();
    }
  }

  private CliFlags() {}

  /**
   * Checks {@code argv} (the subcommand first) with the container's environment {@code env} and, if
   * not null, {@code configFile} as its {@code --config} file.
   *
   * @throws AssertionError naming {@code where} and the problem (unknown flag, bad value, unknown key)
   */
  static Checked check(String where, List<String> argv, Map<String, String> env, Path configFile) {
    if (argv.isEmpty()) {
      throw new AssertionError(where + ": empty command line");
    }
    String command = argv.get(0);
    CommandLine root = Main.newCommandLine();
    CommandLine sub = root.getSubcommands().get(command);
    if (sub == null || !PENDING.containsKey(command)) {
      throw new AssertionError(where + ": '" + command + "' is not a zisk4j server command (coordinator, worker)");
    }
    CommandSpec spec = sub.getCommandSpec();
    Map<String, Boolean> pending = PENDING.get(command);
    Set<String> pendingUsed = new TreeSet<>();
    Set<String> given = new TreeSet<>();
    List<String> args = new ArrayList<>(List.of(command));
    List<String> rest = argv.subList(1, argv.size());
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.startsWith("--")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        given.add(name);
        if (spec.findOption(name) == null) {
          if (!pending.containsKey(name)) {
            throw new AssertionError(where + ": zisk4j " + command + " has no option " + name + " (it has: "
                + String.join(" ", longNames(spec)) + ")");
          }
          pendingUsed.add(name);
          if (pending.get(name) && !a.contains("=")) {
            if (i + 1 >= rest.size()) {
              throw new AssertionError(where + ": " + name + " needs a value");
            }
            i++;
          }
          continue;
        }
      }
      args.add(a);
    }
    try {
      root.parseArgs(args.toArray(String[]::new)); // through the root, as zisk4j parses it
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": zisk4j " + String.join(" ", argv) + ": " + e.getMessage(), e);
    }
    ServerConfiguration config = ServerConfiguration.forServer(command);
    String prefix = config.envName("");
    Map<String, String> serverEnv = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String flag = "--" + e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
      given.add(flag);
      if (spec.findOption(flag) == null && pending.containsKey(flag)) {
        pendingUsed.add(e.getKey());
        continue;
      }
      serverEnv.put(e.getKey(), e.getValue());
    }
    StringWriter warnings = new StringWriter();
    try {
      config.apply(spec, configFile, serverEnv, new PrintWriter(warnings));
    } catch (ConfigException e) {
      throw new AssertionError(where + ": " + e.getMessage(), e);
    }
    if (!warnings.toString().isEmpty()) {
      throw new AssertionError(where + ": configuration warnings: " + warnings);
    }
    if (command.equals("coordinator") && given.contains("--data-dir") && given.contains("--db")) {
      throw new AssertionError(where + ": the coordinator refuses --data-dir together with --db (one job store)");
    }
    return new Checked(where, command, spec, pendingUsed, given);
  }

  /** The long option names of {@code command} (for messages and tests). */
  static List<String> longNames(CommandSpec spec) {
    return spec.options().stream().map(OptionSpec::longestName).filter(n -> n.startsWith("--")).sorted().toList();
  }

  /** Whether {@code command} of the real CLI has {@code option} (pending flags answer once they land). */
  static boolean exists(String command, String option) {
    return Main.newCommandLine().getSubcommands().get(command).getCommandSpec().findOption(option) != null;
  }
}
