package dev.zisk4j.cli.demo;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.cli.ProgressBar;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.sdk.EmbeddedProverClient;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.JobEvent;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.ProverClient;
import dev.zisk4j.sdk.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j demo}: the main job. A host thread streams records into a unix {@link ZiskStream}
 * while the embedded prover executes and commits segments; then the proof is verified and saved.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Prove an example guest on input streamed over a unix socket while it is being written, "
        + "verify the proof, and save it.",
        "The guest reads records of u64 words; the host writes --records records of --record-words words each."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--guest", defaultValue = "checksum",
      description = "An example guest (checksum, sum, mix, sort, merkle, fib) or a .zasm file (default ${DEFAULT-VALUE}).")
  String guest;

  @Option(names = "--records", defaultValue = "16", description = "Records the host streams (default ${DEFAULT-VALUE}).")
  int records;

  @Option(names = "--record-words", defaultValue = "1024", description = "u64 words per record (default ${DEFAULT-VALUE}).")
  int recordWords;

  @Option(names = "--log-rows", defaultValue = "16",
      description = "log2 of the rows per segment, 12..20 (default ${DEFAULT-VALUE}: 65,536 rows; the example guests "
          + "have 1024 words of RAM, and a segment holds at least 4x its RAM).")
  int logRows;

  @Option(names = {"-o", "--output"}, defaultValue = "demo.proof",
      description = "Where to save the proof bundle; the input goes beside it as <output>.input (default ${DEFAULT-VALUE}).")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (records < 1) {
      throw BadValue.of(spec.commandLine(), "--records", records, "1 or more");
    }
    if (recordWords < 1) {
      throw BadValue.of(spec.commandLine(), "--record-words", recordWords, "1 or more");
    }
    if (logRows < 12 || logRows > 20) {
      throw BadValue.of(spec.commandLine(), "--log-rows", logRows, "12..20");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GuestProgram program = loadGuest(guest);
    ProveOptions options = ProveOptions.standard().withLogRows(logRows).withMaxSegments(1 << 16);
    ProgressBar bar = new ProgressBar(err, ProgressBar.stderrIsTerminal());
    err.printf(Locale.ROOT, "proving %s on %d records x %d words streamed over a unix socket, segments of 2^%d rows%n",
        program, records, recordWords, logRows);
    try (EmbeddedProverClient client = ProverClient.embedded().options(options).build();
         ZiskStream stream = ZiskStream.unix()) {
      JobHandle<ProveResult> job = client.prove(program, stream)
          .on(JobEvent.Kind.PROGRESS, e -> {
            JobEvent.Progress p = (JobEvent.Progress) e;
            bar.update(p.percent(), p.phase());
          })
          .run();
      // The host: write and flush record by record while the prover is already running.
      for (int r = 0; r < records; r++) {
        stream.writeSlice(record(r, recordWords));
        stream.flush();
      }
      ProveResult result;
      try {
        result = job.get();
      } catch (ExecutionException e) {
        bar.done();
        throw new CommandFailedException("proving failed: " + e.getCause().getMessage(), 1);
      }
      bar.done();
      VerifyResult verdict = client.verify(result.proof()).run().get();
      result.proof().save(output);
      Path inputFile = output.resolveSibling(output.getFileName() + ".input");
      Files.write(inputFile, result.proof().publicInput());
      out.printf(Locale.ROOT, "outputs:  %s%n", unsigned(result.outputs()));
      out.printf(Locale.ROOT, "steps:    %,d%n", result.steps());
      out.printf(Locale.ROOT, "segments: %d (2^%d rows each)%n", result.segments(), logRows);
      out.printf(Locale.ROOT, "time:     %.2f s proving%n", result.provingTime().toNanos() / 1e9);
      out.printf(Locale.ROOT, "proof:    %,d bytes -> %s (input -> %s)%n", result.proofBytes(), output, inputFile);
      out.printf(Locale.ROOT, "verified: %s%n", verdict.valid() ? "yes" : "NO: " + verdict.reason().orElse("?"));
      out.printf(Locale.ROOT, "check it again: bin/zisk4j verify %s %s --input %s%n", guestPathHint(), output, inputFile);
      if (!verdict.valid()) {
        throw new CommandFailedException("the proof did not verify: " + verdict.reason().orElse("?"), 1);
      }
      return 0;
    }
  }

  /** Record r: {@code words} u64 words derived from r (deterministic, so runs are reproducible). */
  static byte[] record(int r, int words) {
    ByteBuffer b = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
    long x = 0x9E3779B97F4A7C15L * (r + 1);
    for (int i = 0; i < words; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b.putLong(x >>> 1);
    }
    return b.array();
  }

  private String guestPathHint() {
    return guest.endsWith(".zasm") ? guest : "examples/guests/" + guest + ".zasm";
  }

  static GuestProgram loadGuest(String guest) throws IOException {
    if (guest.endsWith(".zasm")) {
      return GuestProgram.fromFile(Path.of(guest));
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream("/guests/" + guest + ".zasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no example guest named " + guest
            + " (try checksum, sum, mix, sort, merkle, fib, or a path to a .zasm file)");
      }
      return GuestProgram.fromSource(guest + ".zasm", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String unsigned(long[] vs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < vs.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(vs[i]));
    }
    return sb.append(']').toString();
  }
}
