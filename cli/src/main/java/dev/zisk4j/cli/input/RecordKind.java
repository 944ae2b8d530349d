package dev.zisk4j.cli.input;

import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.bincode.Bincode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The typed record options ({@code --u64}, {@code --string}, …): each parses one command-line value
 * into one record. A value outside what is {@link #allowed} throws {@link IllegalArgumentException}.
 */
enum RecordKind {
  U64("--u64", "an integer 0..2^64-1, decimal or 0x hex") {
    @Override Consumer<ZiskStdin> parse(String v) {
      long n = NumberArg.unsigned(v, 64);
      return s -> s.write(Bincode.U64, n);
    }
  },
  U32("--u32", "an integer 0..2^32-1, decimal or 0x hex") {
    @Override Consumer<ZiskStdin> parse(String v) {
      long n = NumberArg.unsigned(v, 32);
      return s -> s.write(Bincode.U32, n);
    }
  },
  I64("--i64", "an integer -2^63..2^63-1, decimal or 0x hex") {
    @Override Consumer<ZiskStdin> parse(String v) {
      long n = NumberArg.signed64(v);
      return s -> s.write(Bincode.I64, n);
    }
  },
  BOOL("--bool", "true or false") {
    @Override Consumer<ZiskStdin> parse(String v) {
      boolean b = switch (v) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(v);
      };
      return s -> s.write(Bincode.BOOL, b);
    }
  },
  STRING("--string", "any text") {
    @Override Consumer<ZiskStdin> parse(String v) {
      return s -> s.write(Bincode.STRING, v);
    }
  },
  BYTES_HEX("--bytes-hex", "an even number of hex digits, optionally after 0x") {
    @Override Consumer<ZiskStdin> parse(String v) {
      byte[] b = HexFormat.of().parseHex(v.startsWith("0x") ? v.substring(2) : v);
      return s -> s.writeSlice(b);
    }
  },
  FILE("--file", "a readable file") {
    @Override Consumer<ZiskStdin> parse(String v) {
      Path f = Path.of(v);
      return s -> {
        try {
          s.writeSlice(Files.readAllBytes(f));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read --file " + f + ": " + e.getMessage(), e);
        }
      };
    }
  };

  final String option;
  final String allowed;

  RecordKind(String option, String allowed) {
    this.option = option;
    this.allowed = allowed;
  }

  /** The record this value stands for; {@link IllegalArgumentException} if it is not {@link #allowed}. */
  abstract Consumer<ZiskStdin> parse(String value);

  static RecordKind of(String option) {
    for (RecordKind k : values()) {
      if (k.option.equals(option)) {
        return k;
      }
    }
    throw new IllegalStateException("no record kind for option " + option);
  }
}
