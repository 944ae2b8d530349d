package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.input.ConnectTimeoutOption;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStdin;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.zisk4j.cli.input.RecordOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The guest input of execute, prove and verify, one option group with the same rules for all three:
 * a framed input file (as {@code ZiskStdin.save} writes it and ZisK's {@code -i input.bin} files are),
 * records given inline, or a live producer ({@code --input-uri}). Inline records are appended after
 * the file's content, each as one framed record: first the {@code zisk4j input encode} options
 * ({@code --u64}, {@code --string}, … in command-line order), then {@code --record-u64} and
 * {@code --record-file} records, then the end marker. A live input is the whole input, so
 * {@code --input-uri} with any other input option is a usage error, refused before connecting.
 */
final class InputOptions {
  @Mixin
  RecordOptions encoded = new RecordOptions();

  @Option(names = "--input", paramLabel = "FILE", description = "Framed input file (u64 length, payload, zero padding per record).")
  Path file;

  @Option(names = "--record-u64", paramLabel = "V[,V...]",
      description = "Append one record holding these u64 words (decimal or 0x hex), little-endian. Repeatable.")
  List<String> u64Records = new ArrayList<>();

  @Option(names = "--record-file", paramLabel = "FILE", description = "Append one record holding this file's bytes. Repeatable.")
  List<Path> fileRecords = new ArrayList<>();

  @Option(names = "--input-uri", paramLabel = "URI",
      description = "Read the input live from a producer (unix://PATH, quic://HOST:PORT, file://PATH) instead of the "
          + "other input options; every record is checked as it arrives, and the input ends when the producer closes.")
  URI uri;

  @Mixin
  ConnectTimeoutOption connectTimeout = new ConnectTimeoutOption();

  @Option(names = "--end-of-input", description = "Append an empty record (header 0), the end marker the example guests look for.")
  boolean endMarker;

  /** Whether any input option was given (none means the empty input). */
  boolean any() {
    return uri != null || file != null || encoded.count() > 0 || !u64Records.isEmpty() || !fileRecords.isEmpty()
        || endMarker;
  }

  /** Whether the input comes live from {@code --input-uri}. */
  boolean live() {
    return uri != null;
  }

  /**
   * Refuses option combinations before anything runs or connects.
   *
   * @throws ParameterException for {@code --input-uri} with another input option
   */
  void check(CommandLine cmd) {
    if (uri != null && (file != null || encoded.count() > 0 || !u64Records.isEmpty() || !fileRecords.isEmpty()
        || endMarker)) {
      throw new ParameterException(cmd, "--input-uri takes no other input option (--input, --u64, --record-u64, "
          + "--end-of-input, ...): a live input is the whole input");
    }
    try {
      connectTimeout.deadline();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, e.getMessage());
    }
  }

  /**
   * Connects to the {@code --input-uri} producer, saying on {@code err} what it waits for.
   *
   * @throws IOException if no producer answers within {@code --connect-timeout}
   */
  InputReader openLive(PrintWriter err) throws IOException {
    Duration deadline = connectTimeout.deadline();
    err.println("waiting up to " + deadline.toSeconds() + " s (--connect-timeout) for a producer at " + uri + " ...");
    err.flush();
    return InputReader.open(uri, InputReader.Options.DEFAULT.withConnectDeadline(deadline));
  }

  /**
   * The framed input bytes (possibly empty); a live input is read whole, every record checked.
   *
   * @throws IllegalArgumentException for an unparsable number
   */
  byte[] bytes(PrintWriter err) throws IOException {
    return stdin(err).bytes();
  }

  /**
   * The input as a {@link ZiskStdin} (possibly empty), for the SDK's clients; a live input is read
   * whole, every record checked.
   *
   * @throws IllegalArgumentException for an unparsable number
   */
  ZiskStdin stdin(PrintWriter err) throws IOException {
    if (uri != null) {
      ZiskStdin all = new ZiskStdin();
      try (InputReader r = openLive(err)) {
        while (r.hasMore()) {
          all.writeSlice(r.readSlice());
        }
      }
      return all;
    }
    ZiskStdin stdin = new ZiskStdin();
    if (file != null) {
      // verbatim, like ZiskStdin.fromFile: the file is already framed
      stdin = ZiskStdin.fromFile(checkExists(file, "--input"));
    }
    encoded.appendTo(stdin);
    for (String record : u64Records) {
      String[] values = record.isBlank() ? new String[0] : record.split(",");
      ByteBuffer payload = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (String v : values) {
        payload.putLong(parseU64(v.trim()));
      }
      stdin.writeSlice(payload.array());
    }
    for (Path p : fileRecords) {
      stdin.writeSlice(ProgramFiles.read(p, "--record-file"));
    }
    if (endMarker) {
      stdin.writeSlice(new byte[0]);
    }
    return stdin;
  }

  private static Path checkExists(Path p, String what) {
    if (!Files.exists(p)) {
      throw new IllegalArgumentException(what + " file not found: " + p);
    }
    return p;
  }

  private static long parseU64(String v) {
    try {
      if (v.startsWith("0x") || v.startsWith("0X")) {
        return Long.parseUnsignedLong(v.substring(2), 16);
      }
      return Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--record-u64: not a u64: value=" + v);
    }
  }
}
