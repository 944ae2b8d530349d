package dev.zisk4j.cli.datastream;

import dev.zisk4j.cli.BadValue;

import dev.zisk4j.cli.config.ConfigFileOption;
import dev.zisk4j.cli.config.ResolvedSettings;
import dev.zisk4j.cli.config.ServerConfiguration;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.DemoProducer;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.datastream.server.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zisk4j datastream server}: serve a stream file over TCP, optionally with a demo producer. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Serve a stream file to data-stream clients (Go zkevm-data-streamer compatible).",
        "Settings: flags > ZISK4J_DATASTREAM_SERVER_<KEY> environment > --config TOML file > defaults."})
public final class ServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);
  @Spec CommandSpec spec;

  /** This server's name in configuration: environment ZISK4J_DATASTREAM_SERVER_<KEY>. */
  static final ServerConfiguration CONFIG =
      ServerConfiguration.forServer("datastream-server").withLegacyEnvPrefix("ZISK4J_DATASTREAM_");

  @Mixin ConfigFileOption config = new ConfigFileOption();

  @Mixin ServingOptions serving = new ServingOptions();

  @Option(names = "--file", paramLabel = "F", description = "Stream file (created if absent).")
  Path file;

  @Option(names = "--stream-type", paramLabel = "N", description = "Stream type (default 1 = Sequencer).")
  Integer streamType;

  @Option(names = "--demo-rate", paramLabel = "N",
      description = "Also run a demo producer committing N operations/s (bookmark, block start, tx, block end).")
  Double demoRate;

  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    try (Running r = start()) {
      r.awaitShutdown();
    }
    return 0;
  }

  /** Starts everything and returns it running; printing the bound ports on stdout. */
  Running start() throws Exception {
    ResolvedSettings settings = CONFIG.apply(spec, config.file(), env, spec.commandLine().getErr());
    if (file == null) {
      throw new IllegalArgumentException("no stream file: give --file F (or " + CONFIG.envName("file")
          + ", or file = \"F\" in the --config file)");
    }
    if (streamType != null && streamType < 0) {
      throw BadValue.of(spec.commandLine(), "--stream-type", streamType, "0..2147483647 (1 = Sequencer)");
    }
    if (demoRate != null && !(demoRate > 0 && demoRate <= 1_000_000)) {
      throw BadValue.of(spec.commandLine(), "--demo-rate", demoRate, "more than 0, at most 1000000 operations/s");
    }
    // Checked here too, so that a bad value is refused before the file is created or a port bound.
    ServerConfig serverConfig = serving.serverConfig(ServerConfig.DEFAULT_PORT);
    Path f = file;
    log.info(settings.summary());
    DataStreamConfig cfg = DataStreamConfig.defaults()
        .withDurability(serving.durability())
        .withStreamType(streamType != null ? streamType : 1);
    Running running = new Running();
    try {
      DataStream stream = running.add(StreamFiles.open(f, cfg));
      PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
      DataStreamServer server = running.add(new DataStreamServer(stream, serverConfig, registry));
      server.start();
      PrintWriter out = spec.commandLine().getOut();
      out.println("datastream server listening on port " + server.port() + " (file " + f + ", "
          + stream.header().totalEntries() + " entries)");
      serving.startMetrics(running, registry, MetricsEndpoint.DEFAULT_PORT, null, out);
      if (demoRate != null) {
        DemoProducer demo = running.add(new DemoProducer(stream, demoRate, System::nanoTime));
        demo.start();
        out.println("demo producer: " + demoRate + " ops/s");
      }
      out.flush();
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }
}
