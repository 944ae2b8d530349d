package dev.zisk4j.cli.input;

import dev.zisk4j.io.ZiskStdin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zisk4j input encode}: one record per option, in command-line order; typed options are
 * bincode 2 {@code standard()} values (what the guest's {@code io::read::<T>()} expects).
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Build a framed input file: one record per option, in the order given.",
        "Example: zisk4j input encode --u64 3 --string hi -o input.bin"})
public final class InputEncodeCommand implements Callable<Integer> {
  @Option(names = "-o", required = true, paramLabel = "OUT", description = "Output file (written atomically).")
  Path out;

  @Mixin
  RecordOptions records = new RecordOptions();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ZiskStdin stdin = new ZiskStdin();
    records.appendTo(stdin);
    stdin.save(out);
    spec.commandLine().getOut().printf("wrote %d records, %d bytes to %s%n", records.count(), stdin.size(), out);
    return 0;
  }
}
