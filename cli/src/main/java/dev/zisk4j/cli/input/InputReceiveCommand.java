package dev.zisk4j.cli.input;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.RecordFraming;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zisk4j input receive}: connects to a producer as a prover would, checks every record, and
 * writes the job's input to a file once it ended cleanly (nothing is left behind on error).
 */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = "Consume one job's input from a producer (unix://, file://) and save it as a framed file.")
public final class InputReceiveCommand implements Callable<Integer> {
  @Option(names = "--uri", required = true, paramLabel = "URI", description = "Producer to connect to.")
  URI uri;

  @Option(names = "-o", required = true, paramLabel = "OUT", description = "Output file (written atomically).")
  Path out;

  @picocli.CommandLine.Mixin
  ConnectTimeoutOption connectTimeout;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Duration deadline = connectTimeout.deadline();
    Path abs = out.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
    int records = 0;
    try {
      long bytes;
      try (InputReader r = InputReader.open(uri,
              InputReader.Options.DEFAULT.withConnectDeadline(deadline));
          FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream os = Channels.newOutputStream(ch);
        while (r.hasMore()) {
          os.write(RecordFraming.frame(r.readSlice()));
          records++;
        }
        bytes = r.position();
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      spec.commandLine().getOut().printf("received %d records, %d bytes into %s%n", records, bytes, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return 0;
  }
}
