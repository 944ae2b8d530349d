package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.vm.Disassembler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j disasm IMAGE}: prints source that assembles back to the same image. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
    description = "Print a program image (or .zasm) as .zasm source that assembles to the identical image.")
public final class DisasmCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE")
  Path image;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    spec.commandLine().getOut().print(new Disassembler().disassemble(ProgramFiles.load(image)));
    return 0;
  }
}
