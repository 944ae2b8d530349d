package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.vm.ProgramImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zisk4j asm FILE.zasm [-o IMAGE]}: assembles a guest and prints its imageId. */
@Command(name = "asm", mixinStandardHelpOptions = true,
    description = "Assemble a .zasm guest into a program image (JZKP) and print its imageId.")
public final class AsmCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.zasm")
  Path source;

  @Option(names = {"-o", "--output"}, paramLabel = "IMAGE", description = "Image file to write (default: FILE with .jzkp).")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ProgramImage image = ProgramFiles.load(source);
    Path out = output != null ? output : Path.of(source.toString().replaceFirst("\\.zasm$", "") + ".jzkp");
    Files.write(out, image.encode());
    spec.commandLine().getOut().printf("%s: %d instructions, %d data words, imageId %s%n", out, image.size(),
        image.data().size(), HexFormat.of().formatHex(image.imageId()));
    return 0;
  }
}
