package dev.zisk4j.cli.input;

import dev.zisk4j.io.InputReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zisk4j input dump}: one line per record (offset, length, hex preview); stops with an error at the first bad byte. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = "Print each record of a framed input file: offset, payload length, hex preview.")
public final class InputDumpCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "Framed input file.")
  Path file;

  @Option(names = "--preview", paramLabel = "N", defaultValue = "16", description = "Payload bytes shown (default ${DEFAULT-VALUE}).")
  int preview;

  @Option(names = "--max-record", paramLabel = "BYTES", defaultValue = "1073741824",
      description = "Largest payload accepted (default ${DEFAULT-VALUE}).")
  long maxRecord;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (preview < 0) {
      throw new IllegalArgumentException("--preview must be >= 0: value=" + preview);
    }
    PrintWriter out = spec.commandLine().getOut();
    HexFormat hex = HexFormat.of();
    int count = 0;
    try (InputStream in = Files.newInputStream(file);
        InputReader r = InputReader.over(in, InputReader.Options.DEFAULT.withMaxPayloadBytes(maxRecord))) {
      out.printf("%-12s %-10s %s%n", "offset", "length", "payload");
      while (r.hasMore()) {
        long offset = r.position();
        byte[] payload = r.readSlice();
        int shown = Math.min(preview, payload.length);
        out.printf("%-12d %-10d %s%s%n", offset, payload.length, hex.formatHex(payload, 0, shown),
            shown < payload.length ? "…" : "");
        count++;
      }
      out.printf("%d records, %d bytes%n", count, r.position());
    } finally {
      out.flush();
    }
    return 0;
  }
}
