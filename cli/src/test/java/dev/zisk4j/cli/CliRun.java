package dev.zisk4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code zisk4j} command line in-process: exit code and what it printed. */
public record CliRun(int exit, String out, String err) {

  /** Runs {@code args} through the same command line as {@code main}, capturing stdout and stderr. */
  public static CliRun of(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
