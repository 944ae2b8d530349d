package dev.zisk4j.cli.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.DemoProducer;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zisk4j datastream server}: serve a stream file over TCP, optionally with a demo producer. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Serve a stream file to data-stream clients (Go zkevm-data-streamer compatible).",
        "Settings: flags > ZISK4J_DATASTREAM_* environment > --config file > defaults."})
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
    LayeredSettings s = serving.settings(env);
    String f = s.string("file", file == null ? null : file.toString(), null);
    if (f == null) {
      throw new IllegalArgumentException("no stream file: give --file F (or ZISK4J_DATASTREAM_FILE, or file= in --config)");
    }
    DataStreamConfig cfg = DataStreamConfig.defaults()
        .withDurability(serving.durability(s))
        .withStreamType(s.integer("stream-type", streamType, 1));
    Running running = new Running();
    try {
      DataStream stream = running.add(DataStream.open(Path.of(f), cfg));
      PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
      DataStreamServer server = running.add(new DataStreamServer(stream, serving.serverConfig(s, 6900), registry));
      server.start();
      PrintWriter out = spec.commandLine().getOut();
      out.println("datastream server listening on port " + server.port() + " (file " + f + ", "
          + stream.header().totalEntries() + " entries)");
      serving.startMetrics(s, running, registry, null, out);
      String rate = s.string("demo-rate", demoRate == null ? null : demoRate.toString(), null);
      if (rate != null) {
        DemoProducer demo = running.add(new DemoProducer(stream, parseRate(rate), System::nanoTime));
        demo.start();
        out.println("demo producer: " + rate + " ops/s");
      }
      out.flush();
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }

  private static double parseRate(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: demo-rate=" + v);
    }
  }
}
