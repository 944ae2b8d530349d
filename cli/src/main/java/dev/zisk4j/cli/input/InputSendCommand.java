package dev.zisk4j.cli.input;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zisk4j input send}: streams a framed file's records through a {@link ZiskStream}, checking
 * each record on the way, then ends the job.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {"Stream a framed input file to one consumer, as the SDK would.",
        "unix://PATH: listen at PATH and wait for the consumer (e.g. zisk4j input receive) to connect;",
        "with --external, connect to a consumer that listens at PATH."})
public final class InputSendCommand implements Callable<Integer> {
  private static final long FLUSH_EVERY_BYTES = 4L << 20;

  @Option(names = "--uri", required = true, paramLabel = "URI", description = "Where to stream (unix://PATH).")
  URI uri;

  @Option(names = "--external", description = "Connect to a socket another process listens on (unixExternal).")
  boolean external;

  @picocli.CommandLine.Mixin
  ConnectTimeoutOption connectTimeout;

  @Parameters(index = "0", paramLabel = "FILE", description = "Framed input file.")
  Path file;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Duration deadline = connectTimeout.deadline();
    int records = 0;
    try (ZiskStream stream = open().connectDeadline(deadline);
        InputStream in = Files.newInputStream(file);
        InputReader r = InputReader.over(in, InputReader.Options.DEFAULT)) {
      spec.commandLine().getErr().println("sending " + file + " to " + stream.uri());
      while (r.hasMore()) {
        stream.writeSlice(r.readSlice());
        records++;
        if (stream.pendingBytes() >= FLUSH_EVERY_BYTES) {
          stream.flush();
        }
      }
      stream.flush();
      stream.finish();
      spec.commandLine().getOut().printf("sent %d records, %d bytes%n", records, r.position());
    }
    return 0;
  }

  private ZiskStream open() throws IOException {
    if (!UnixTransport.SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("input send supports unix:// here (QUIC and gRPC come with io-net): uri=" + uri);
    }
    Path path = UnixTransport.pathOf(uri);
    return external ? ZiskStream.unixExternal(path) : ZiskStream.unixAt(path);
  }
}
