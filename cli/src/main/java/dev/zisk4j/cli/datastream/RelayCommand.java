package dev.zisk4j.cli.datastream;

import dev.zisk4j.cli.BadValue;

import dev.zisk4j.cli.config.ConfigFileOption;
import dev.zisk4j.cli.config.ServerConfiguration;
import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.relay.DataStreamRelay;
import dev.zisk4j.datastream.relay.RelayConfig;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zisk4j datastream relay}: follow an upstream server into a local file and serve it. */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Follow an upstream data-stream server into a local file, keeping its atomic operations, and serve it.",
        "Settings: flags > ZISK4J_DATASTREAM_RELAY_<KEY> environment > --config TOML file > defaults."})
public final class RelayCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RelayCommand.class);
  @Spec CommandSpec spec;

  /** This server's name in configuration: environment ZISK4J_DATASTREAM_RELAY_<KEY>. */
  static final ServerConfiguration CONFIG =
      ServerConfiguration.forServer("datastream-relay").withLegacyEnvPrefix("ZISK4J_DATASTREAM_");

  /** Default stream port of a relay (the reference's relay tool uses 7900 too). */
  static final int DEFAULT_PORT = 7900;

  /** Default metrics port of a relay: not the server's 9092, so both run on one machine as they are. */
  static final int DEFAULT_METRICS_PORT = 9093;

  @Mixin ConfigFileOption config = new ConfigFileOption();

  @Mixin ServingOptions serving = new ServingOptions();

  @Option(names = "--upstream", paramLabel = "HOST:PORT", description = "Upstream server.")
  String upstream;

  @Option(names = "--file", paramLabel = "F", description = "Local stream file (created if absent).")
  Path file;

  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    try (Running r = new Running()) {
      DataStreamRelay relay = start(r);
      Thread.ofPlatform().daemon().start(() -> {
        try {
          relay.terminated().join();
        } catch (CompletionException e) {
          spec.commandLine().getErr().println("error: relay stopped: " + e.getCause().getMessage());
          spec.commandLine().getErr().flush();
          failed = true;
        }
        r.close();
      });
      r.awaitShutdown();
    }
    return failed ? 1 : 0;
  }

  private volatile boolean failed;

  /** Starts the relay (and metrics) inside {@code running}; prints the bound ports. */
  DataStreamRelay start(Running running) throws Exception {
    log.info(CONFIG.apply(spec, config.file(), env, spec.commandLine().getErr()).summary());
    String up = upstream;
    Path f = file;
    if (up == null || f == null) {
      throw new IllegalArgumentException("relay needs --upstream HOST:PORT and --file F (or " + CONFIG.envName("upstream")
          + " and " + CONFIG.envName("file") + ", or the same keys in the --config file)");
    }
    ClientConfig upstreamCfg;
    try {
      upstreamCfg = ClientConfig.parse(up).withAutoReconnect(false, Duration.ofSeconds(1));
    } catch (IllegalArgumentException e) {
      throw BadValue.of(spec.commandLine(), "--upstream", up, "HOST:PORT with PORT 1..65535, e.g. localhost:6900");
    }
    RelayConfig relayConfig = RelayConfig.of(upstreamCfg, serving.serverConfig(DEFAULT_PORT));
    DataStream stream = running.add(StreamFiles.open(f, DataStreamConfig.defaults().withDurability(serving.durability())));
    PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
    DataStreamRelay relay = running.add(new DataStreamRelay(stream, relayConfig, registry));
    relay.start();
    PrintWriter out = spec.commandLine().getOut();
    out.println("datastream relay of " + up + " listening on port " + relay.port() + " (file " + f + ")");
    serving.startMetrics(running, registry, DEFAULT_METRICS_PORT, relay::problem, out);
    out.flush();
    return relay;
  }
}
