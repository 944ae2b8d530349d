package dev.zisk4j.cli.input;

import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.bincode.Bincode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * Records given on the command line, one per option and in command-line order; typed options are
 * bincode 2 {@code standard()} values (what the guest's {@code io::read::<T>()} expects). A mixin, so
 * {@code input encode} and the engine commands ({@code execute}, {@code prove}, {@code verify}) take the
 * same options. Bad values fail with the option's name and the value.
 */
public final class RecordOptions {
  private final List<Consumer<ZiskStdin>> records = new ArrayList<>();

  @Option(names = "--u64", paramLabel = "N", description = "A bincode u64 (decimal or 0x hex, 0..2^64-1).")
  void u64(String n) {
    long v = NumberArg.unsigned(n, 64, "--u64");
    records.add(s -> s.write(Bincode.U64, v));
  }

  @Option(names = "--u32", paramLabel = "N", description = "A bincode u32 (decimal or 0x hex, 0..2^32-1).")
  void u32(String n) {
    long v = NumberArg.unsigned(n, 32, "--u32");
    records.add(s -> s.write(Bincode.U32, v));
  }

  @Option(names = "--i64", paramLabel = "N", description = "A bincode i64 (zigzag varint).")
  void i64(String n) {
    long v = NumberArg.signed64(n, "--i64");
    records.add(s -> s.write(Bincode.I64, v));
  }

  @Option(names = "--bool", paramLabel = "B", description = "A bincode bool (true|false).")
  void bool(String b) {
    boolean v = switch (b) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("--bool expects true or false: value=" + b);
    };
    records.add(s -> s.write(Bincode.BOOL, v));
  }

  @Option(names = "--string", paramLabel = "S", description = "A bincode String (varint length + UTF-8).")
  void string(String v) {
    records.add(s -> s.write(Bincode.STRING, v));
  }

  @Option(names = "--bytes-hex", paramLabel = "H", description = "Raw bytes given in hex, as one record (write_slice).")
  void bytesHex(String h) {
    byte[] v;
    try {
      v = HexFormat.of().parseHex(h.startsWith("0x") ? h.substring(2) : h);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--bytes-hex is not hex: value=" + h + " (" + e.getMessage() + ")");
    }
    records.add(s -> s.writeSlice(v));
  }

  @Option(names = "--file", paramLabel = "F", description = "A file's contents as one record (write_slice).")
  void file(Path f) {
    records.add(s -> {
      try {
        s.writeSlice(Files.readAllBytes(f));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read --file " + f + ": " + e.getMessage(), e);
      }
    });
  }

  /** Appends every record, in command-line order. */
  public void appendTo(ZiskStdin stdin) {
    records.forEach(r -> r.accept(stdin));
  }

  public int count() {
    return records.size();
  }
}
