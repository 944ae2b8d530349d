package dev.zisk4j.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.cli.config.SettingSource.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ServerConfigurationTest {
  @TempDir Path dir;

  enum Mode { FAST, SAFE }

  @Command(name = "toy")
  static final class Toy implements Runnable {
    @Mixin ConfigFileOption config = new ConfigFileOption();
    @Option(names = "--port") Integer port;
    @Option(names = "--max-clients", defaultValue = "1000") int maxClients;
    @Option(names = "--bind") String bind;
    @Option(names = "--rate") Double rate;
    @Option(names = "--timeout-ms") Long timeoutMs;
    @Option(names = "--verbose") boolean verbose;
    @Option(names = "--file") Path file;
    @Option(names = "--mode") Mode mode;

    @Override
    public void run() {}
  }

  private static final ServerConfiguration TOY = ServerConfiguration.forServer("toy-server");

  private final StringWriter warnings = new StringWriter();

  private final Map<Toy, CommandLine> lines = new java.util.IdentityHashMap<>();

  private Toy parsed(String... args) {
    Toy t = new Toy();
    CommandLine cl = new CommandLine(t);
    cl.parseArgs(args);
    lines.put(t, cl);
    return t;
  }

  private CommandLine.Model.CommandSpec specOf(Toy t) {
    return lines.get(t).getCommandSpec();
  }

  private ResolvedSettings resolve(Toy t, Map<String, String> env) {
    return TOY.apply(specOf(t), t.config.file(), env, new PrintWriter(warnings));
  }

  private Path toml(String text) throws Exception {
    Path f = dir.resolve("toy.toml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void flagsBeatEnvironmentBeatsFileBeatsDefaults() throws Exception {
    Path f = toml("""
        port = 1
        max-clients = 2
        bind = "file-host"
        rate = 2.5
        verbose = true
        mode = "safe"
        """);
    Toy t = parsed("--config", f.toString(), "--port", "5");
    ResolvedSettings r = resolve(t, Map.of("ZISK4J_TOY_SERVER_PORT", "3", "ZISK4J_TOY_SERVER_BIND", "env-host",
        "UNRELATED", "x", "ZISK4J_OTHER_PORT", "9"));
    assertThat(t.port).isEqualTo(5);
    assertThat(t.bind).isEqualTo("env-host");
    assertThat(t.maxClients).isEqualTo(2);
    assertThat(t.rate).isEqualTo(2.5);
    assertThat(t.verbose).isTrue();
    assertThat(t.mode).isEqualTo(Mode.SAFE);
    assertThat(t.timeoutMs).isNull();
    assertThat(t.file).isNull();
    assertThat(r.source("port").kind()).isEqualTo(Kind.FLAG);
    assertThat(r.source("bind")).hasToString("environment ZISK4J_TOY_SERVER_BIND");
    assertThat(r.source("max-clients")).hasToString("config file " + f + ", key 'max-clients'");
    assertThat(r.source("timeout-ms").kind()).isEqualTo(Kind.DEFAULT);
    assertThat(r.summary()).isEqualTo("toy-server settings: bind (env), max-clients (file), mode (file), port (flag),"
        + " rate (file), verbose (file)");
    assertThat(warnings.toString()).isEmpty();

    Toy defaults = parsed();
    resolve(defaults, Map.of());
    assertThat(defaults.maxClients).isEqualTo(1000);
    assertThat(defaults.port).isNull();
  }

  @Test
  void environmentValuesAreConvertedToTheOptionType() {
    Toy t = parsed();
    resolve(t, Map.of("ZISK4J_TOY_SERVER_TIMEOUT_MS", "250", "ZISK4J_TOY_SERVER_VERBOSE", "TRUE",
        "ZISK4J_TOY_SERVER_FILE", "/tmp/x.bin", "ZISK4J_TOY_SERVER_MODE", "fast", "ZISK4J_TOY_SERVER_RATE", "7",
        "ZISK4J_TOY_SERVER_BIND", "  "));
    assertThat(t.timeoutMs).isEqualTo(250L);
    assertThat(t.verbose).isTrue();
    assertThat(t.file).isEqualTo(Path.of("/tmp/x.bin"));
    assertThat(t.mode).isEqualTo(Mode.FAST);
    assertThat(t.rate).isEqualTo(7.0);
    assertThat(t.bind).as("a blank variable counts as unset").isNull();
  }

  @Test
  void logFormatComesFromTheEnvironmentOrTheFileLikeAnySetting() throws Exception {
    try {
      Toy fromEnv = parsed();
      resolve(fromEnv, Map.of("ZISK4J_TOY_SERVER_LOG_FORMAT", "json"));
      assertThat(fromEnv.config.logFormat()).isEqualTo(LogFormat.JSON);
      Toy fromFile = parsed("--config", toml("log-format = \"text\"\n").toString());
      resolve(fromFile, Map.of());
      assertThat(fromFile.config.logFormat()).isEqualTo(LogFormat.TEXT);
      assertThatThrownBy(() -> resolve(parsed(), Map.of("ZISK4J_TOY_SERVER_LOG_FORMAT", "xml")))
          .hasMessageContaining("--log-format").hasMessageContaining("text or json");
    } finally {
      LogFormat.TEXT.apply();
    }
  }

  @Test
  void unknownKeysAreRefusedNamingTheKeyAndTheFile() throws Exception {
    Path f = toml("port = 1\nmax-client = 2\n");
    assertThatThrownBy(() -> resolve(parsed("--config", f.toString()), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config file " + f + ": unknown key 'max-client' for toy-server (known keys: bind, file, log-format,"
            + " max-clients, mode, port, rate, timeout-ms, verbose)");
    Path table = toml("[server]\nport = 1\n");
    assertThatThrownBy(() -> resolve(parsed("--config", table.toString()), Map.of()))
        .hasMessageContaining("key 'server' is a table");
    Path array = toml("port = [1, 2]\n");
    assertThatThrownBy(() -> resolve(parsed("--config", array.toString()), Map.of()))
        .hasMessageContaining("key 'port' is an array");
    Path config = toml("config = \"other.toml\"\n");
    assertThatThrownBy(() -> resolve(parsed("--config", config.toString()), Map.of()))
        .as("a file cannot name another file").hasMessageContaining("unknown key 'config'");
  }

  @Test
  void unknownEnvironmentVariablesUnderTheServersPrefixAreRefused() {
    assertThatThrownBy(() -> resolve(parsed(), Map.of("ZISK4J_TOY_SERVER_MAX_CLIENT", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("environment variable ZISK4J_TOY_SERVER_MAX_CLIENT: unknown setting 'max-client'"
            + " for toy-server");
  }

  @Test
  void badTypesAreRefusedNamingKeySourceAndValue() throws Exception {
    assertThatThrownBy(() -> resolve(parsed("--config", toml("port = \"6900\"").toString()), Map.of()))
        .hasMessage("config file " + dir.resolve("toy.toml") + ", key 'port': expected an integer, got the string"
            + " \"6900\" (write it without quotes)");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("port = 1.5").toString()), Map.of()))
        .hasMessageEndingWith("key 'port': expected an integer, got the number 1.5");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("port = 99999999999").toString()), Map.of()))
        .hasMessageEndingWith("key 'port': integer out of range: value=99999999999, allowed=-2147483648..2147483647");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("timeout-ms = 99999999999999999999").toString()), Map.of()))
        .hasMessageContaining("key 'timeout-ms': integer out of range: value=99999999999999999999");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("bind = 127").toString()), Map.of()))
        .hasMessageEndingWith("key 'bind': expected a string, got the integer 127 (quote strings in TOML: key = \"value\")");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("verbose = \"yes\"").toString()), Map.of()))
        .hasMessageEndingWith("key 'verbose': expected true or false, got the string \"yes\"");
    assertThatThrownBy(() -> resolve(parsed("--config", toml("mode = \"slow\"").toString()), Map.of()))
        .hasMessageEndingWith("key 'mode': expected one of [fast, safe], got \"slow\"");
    assertThatThrownBy(() -> resolve(parsed(), Map.of("ZISK4J_TOY_SERVER_PORT", "x")))
        .hasMessage("environment ZISK4J_TOY_SERVER_PORT: expected an integer, got \"x\"");
    assertThatThrownBy(() -> resolve(parsed(), Map.of("ZISK4J_TOY_SERVER_VERBOSE", "1")))
        .hasMessage("environment ZISK4J_TOY_SERVER_VERBOSE: expected true or false, got \"1\"");
  }

  @Test
  void missingUnreadableOrMalformedFilesAreNamed() throws Exception {
    Path missing = dir.resolve("nope.toml");
    assertThatThrownBy(() -> resolve(parsed("--config", missing.toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("config file not found: file=" + missing);
    assertThatThrownBy(() -> resolve(parsed("--config", dir.toString()), Map.of()))
        .hasMessage("config file is a directory: file=" + dir);
    Path bad = toml("port = 1\nbind = \"unterminated\n");
    assertThatThrownBy(() -> resolve(parsed("--config", bad.toString()), Map.of()))
        .hasMessageStartingWith("config file is not valid TOML: file=" + bad).hasMessageContaining("(line 2)");
  }

  @Test
  void theOldPropertiesFormatStillWorksWithAWarning() throws Exception {
    Path props = dir.resolve("toy.properties");
    Files.writeString(props, "# old style\nport=7001\nbind=127.0.0.1\n");
    Toy t = parsed("--config", props.toString());
    resolve(t, Map.of());
    assertThat(t.port).isEqualTo(7001);
    assertThat(t.bind).isEqualTo("127.0.0.1");
    assertThat(warnings.toString()).startsWith("warning: " + props + " is a key=value properties file, a deprecated format");

    // Not named .properties and not TOML (unquoted string), but only key=value lines: read the old way.
    Path conf = dir.resolve("toy.conf");
    Files.writeString(conf, "bind=10.0.0.1\nmax-clients=5\n");
    Toy c = parsed("--config", conf.toString());
    resolve(c, Map.of());
    assertThat(c.bind).isEqualTo("10.0.0.1");
    assertThat(c.maxClients).isEqualTo(5);

    Files.writeString(props, "prot=1\n");
    assertThatThrownBy(() -> resolve(parsed("--config", props.toString()), Map.of()))
        .hasMessageContaining("unknown key 'prot'");
  }

  @Test
  void aLegacyEnvironmentPrefixIsReadBelowTheNewOneWithAWarning() {
    ServerConfiguration cfg = TOY.withLegacyEnvPrefix("ZISK4J_TOY_");
    Toy t = parsed();
    cfg.apply(specOf(t), null, Map.of("ZISK4J_TOY_PORT", "11", "ZISK4J_TOY_BIND", "old", "ZISK4J_TOY_SERVER_BIND", "new"),
        new PrintWriter(warnings));
    assertThat(t.port).isEqualTo(11);
    assertThat(t.bind).isEqualTo("new");
    assertThat(warnings.toString()).isEqualTo(
        "warning: environment variable ZISK4J_TOY_PORT is deprecated: use ZISK4J_TOY_SERVER_PORT" + System.lineSeparator());
  }

  @Test
  void serverNamesAndEnvironmentNamesHaveOneShape() {
    assertThat(ServerConfiguration.forServer("prover-server").envName("metrics-port"))
        .isEqualTo("ZISK4J_PROVER_SERVER_METRICS_PORT");
    assertThatThrownBy(() -> ServerConfiguration.forServer("Bad_Name")).isInstanceOf(IllegalArgumentException.class);
  }
}
