package dev.zisk4j.cli.input;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.io.ZiskStdin;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.function.Consumer;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Records given on the command line, one per option and in command-line order (options may repeat
 * and interleave); typed options are bincode 2 {@code standard()} values (what the guest's
 * {@code io::read::<T>()} expects). A mixin, so {@code input encode} and the engine commands
 * ({@code execute}, {@code prove}, {@code verify}) take the same options. A bad value is a
 * {@link BadValue} usage error naming the option, the value and what is allowed.
 */
public final class RecordOptions {
  private final List<Consumer<ZiskStdin>> records = new ArrayList<>();

  @Option(names = "--u64", paramLabel = "N", parameterConsumer = InOrder.class,
      description = "A bincode u64 (decimal or 0x hex, 0..2^64-1). Repeatable.")
  void u64(String n) {
    add(RecordKind.U64, n);
  }

  @Option(names = "--u32", paramLabel = "N", parameterConsumer = InOrder.class,
      description = "A bincode u32 (decimal or 0x hex, 0..2^32-1). Repeatable.")
  void u32(String n) {
    add(RecordKind.U32, n);
  }

  @Option(names = "--i64", paramLabel = "N", parameterConsumer = InOrder.class,
      description = "A bincode i64 (zigzag varint). Repeatable.")
  void i64(String n) {
    add(RecordKind.I64, n);
  }

  @Option(names = "--bool", paramLabel = "B", parameterConsumer = InOrder.class,
      description = "A bincode bool (true|false). Repeatable.")
  void bool(String b) {
    add(RecordKind.BOOL, b);
  }

  @Option(names = "--string", paramLabel = "S", parameterConsumer = InOrder.class,
      description = "A bincode String (varint length + UTF-8). Repeatable.")
  void string(String v) {
    add(RecordKind.STRING, v);
  }

  @Option(names = "--bytes-hex", paramLabel = "H", parameterConsumer = InOrder.class,
      description = "Raw bytes given in hex, as one record (write_slice). Repeatable.")
  void bytesHex(String h) {
    add(RecordKind.BYTES_HEX, h);
  }

  @Option(names = "--file", paramLabel = "F", parameterConsumer = InOrder.class,
      description = "A file's contents as one record (write_slice). Repeatable.")
  void file(String f) {
    add(RecordKind.FILE, f);
  }

  private void add(RecordKind kind, String value) {
    records.add(kind.parse(value));
  }

  /** Appends every record, in command-line order. */
  public void appendTo(ZiskStdin stdin) {
    records.forEach(r -> r.accept(stdin));
  }

  public int count() {
    return records.size();
  }

  /**
   * Takes one value per occurrence, so an option may repeat (picocli would refuse a second value of a
   * single-valued option), and checks it before it is recorded, so a bad value is a usage error.
   */
  static final class InOrder implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec command) {
      String option = ((OptionSpec) arg).longestName();
      RecordKind kind = RecordKind.of(option);
      if (args.isEmpty()) {
        throw new ParameterException(command.commandLine(),
            "missing value for option '" + option + "' (allowed: " + kind.allowed + ")");
      }
      String value = args.pop();
      try {
        kind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(command.commandLine(), BadValue.message(option, value, kind.allowed));
      }
      arg.setValue(value);
    }
  }
}
