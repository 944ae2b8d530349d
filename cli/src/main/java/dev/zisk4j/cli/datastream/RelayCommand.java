package dev.zisk4j.cli.datastream;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zisk4j datastream relay}: follow an upstream server into a local file and serve it. */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Follow an upstream data-stream server into a local file, keeping its atomic operations, and serve it.",
        "Settings: flags > ZISK4J_DATASTREAM_* environment > --config file > defaults."})
public final class RelayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
    LayeredSettings s = serving.settings(env);
    String up = s.string("upstream", upstream, null);
    String f = s.string("file", file == null ? null : file.toString(), null);
    if (up == null || f == null) {
      throw new IllegalArgumentException("relay needs --upstream HOST:PORT and --file F (or ZISK4J_DATASTREAM_UPSTREAM/_FILE)");
    }
    ClientConfig upstreamCfg = ClientConfig.parse(up).withAutoReconnect(false, Duration.ofSeconds(1));
    DataStream stream = running.add(DataStream.open(Path.of(f), DataStreamConfig.defaults().withDurability(serving.durability(s))));
    PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
    DataStreamRelay relay = running.add(new DataStreamRelay(stream,
        RelayConfig.of(upstreamCfg, serving.serverConfig(s, 7900)), registry));
    relay.start();
    PrintWriter out = spec.commandLine().getOut();
    out.println("datastream relay of " + up + " listening on port " + relay.port() + " (file " + f + ")");
    serving.startMetrics(s, running, registry,
        () -> relay.terminated().isCompletedExceptionally() ? "relay stopped" : null, out);
    out.flush();
    return relay;
  }
}
