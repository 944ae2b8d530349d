package dev.zisk4j.cli.engine;

import dev.zisk4j.io.ZiskStdin;
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
 * The guest input of execute/prove/verify: a framed input file (as {@code ZiskStdin.save} writes it
 * and ZisK's {@code -i input.bin} files are) or records given inline. Inline records are appended
 * after the file's content, each as one framed record: first the {@code zisk4j input encode} options
 * ({@code --u64}, {@code --string}, … in command-line order), then {@code --record-u64} and
 * {@code --record-file} records, then the end marker.
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

  @Option(names = "--end-of-input", description = "Append an empty record (header 0), the end marker the example guests look for.")
  boolean endMarker;

  /**
   * The framed input bytes (possibly empty).
   *
   * @throws IllegalArgumentException for an unparsable number
   */
  byte[] bytes() throws IOException {
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
    return stdin.bytes();
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
