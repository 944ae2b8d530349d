package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.api.GuestFaultException;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.JobEvent;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.RemoteProverClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j prove PROGRAM --input FILE -o PROOF}: proves a run and writes the bundle. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = {"Prove that a guest run on an input halts with its outputs; writes a proof bundle (JZKB).",
        "With --cluster URL the coordinator's workers prove it: same outputs, same bundle format."})
public final class ProveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROGRAM")
  Path program;

  @Mixin
  InputOptions input = new InputOptions();

  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROOF")
  Path output;

  @Mixin
  ClusterOption cluster = new ClusterOption();

  /** Options that choose how to prove: with --cluster the coordinator's settings decide instead. */
  static final List<String> LOCAL_ONLY = List.of("--log-rows", "--security", "--queries", "--grinding-bits",
      "--log-blowup", "--private-input", "--threads", "--max-segments");

  @Option(names = "--private-input", description = "Do not bind the input into the statement (the verifier will not need it).")
  boolean privateInput;

  @Option(names = "--threads", defaultValue = "0", description = "Worker threads, 0.." + MAX_THREADS + " (0 = one per core).")
  int threads;

  @Option(names = "--max-segments", defaultValue = "1024", paramLabel = "N",
      description = "Refuse a run longer than N segments (default ${DEFAULT-VALUE}, i.e. 2^26 steps at --log-rows 16), "
          + "so a runaway guest stops with this limit named instead of exhausting memory; 1.." + MAX_SEGMENTS + ".")
  int maxSegments;

  static final int MAX_THREADS = 1024;
  static final int MAX_SEGMENTS = 1 << 16;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (cluster.on()) {
      return proveOnCluster();
    }
    checkOptions();
    ProgramImage image = ProgramFiles.load(program);
    ProveOptions opts = config.options(privateInput ? InputMode.PRIVATE : InputMode.PUBLIC, maxSegments);
    PrintWriter err = spec.commandLine().getErr();
    try (Workers workers = threads > 0 ? Workers.of(threads) : Workers.perCore()) {
      dev.zisk4j.engine.api.ProgressListener bar = (phase, fraction) -> err.printf("[%3.0f%%] %s%n", fraction * 100, phase);
      ProofResult r;
      if (input.live()) {
        try (dev.zisk4j.io.InputReader reader = input.openLive(err)) {
          r = new ZkVm(workers).prove(image, reader, opts, bar);
        }
      } else {
        r = new ZkVm(workers).prove(image, input.bytes(err), opts, bar);
      }
      Files.write(output, r.bundle());
      PrintWriter out = spec.commandLine().getOut();
      for (long v : r.outputs()) {
        out.println(Long.toUnsignedString(v));
      }
      err.printf("proved %d steps in %d segment(s) in %.2f s; proof %d bytes -> %s%n", r.steps(), r.segments(),
          r.provingNanos() / 1e9, r.bundle().length, output);
      err.printf("security (%s): %s%n", config.security, VerifyCommand.bits(r.security()));
      return 0;
    } catch (GuestFaultException e) {
      throw new CommandFailedException(e.getMessage(), 1);
    } catch (MalformedImageException e) {
      throw new IllegalArgumentException(program + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("guest did not halt within maxSegments")) {
        throw new CommandFailedException("guest did not halt within --max-segments=" + maxSegments + " segments of 2^"
            + config.logRows + " rows; no proof written (raise --max-segments or --log-rows for a longer run)", 1);
      }
      throw e;
    }
  }

  /**
   * The same proof, made by a coordinator's workers: the bundle is checked here (under any supported
   * options, as the embedded prover checks its own) before it is written, and its worth reported.
   */
  private Integer proveOnCluster() throws Exception {
    CommandLine cmd = spec.commandLine();
    cluster.refuseWith(cmd, LOCAL_ONLY, "the coordinator's settings choose how to prove "
        + "(zisk4j coordinator --log-rows, --security, --max-segments; workers' --engine-threads)");
    checkOptions();
    ProgramImage image = ProgramFiles.load(program);
    PrintWriter err = cmd.getErr();
    ZiskStdin in = input.stdin(err);
    byte[] inputBytes = in.bytes();
    ProveResult r;
    String job;
    try (RemoteProverClient client = cluster.client(cmd)) {
      JobHandle<ProveResult> h = client.prove(GuestProgram.fromImage(program.getFileName().toString(), image), in)
          .on(JobEvent.Kind.PROGRESS, e -> {
            JobEvent.Progress p = (JobEvent.Progress) e;
            err.printf("[%3d%%] %s%n", p.percent(), p.phase());
          }).run();
      r = cluster.await(h);
      job = h.jobId().orElse("?");
    }
    byte[] bundle = r.proof().bytes();
    BundleVerdict v;
    try (Workers workers = Workers.of(1)) {
      v = new ZkVm(workers).verify(image, bundle, ExpectedInput.of(inputBytes), VerifyPolicy.ANY_SUPPORTED);
    }
    if (!v.accepted()) {
      throw new CommandFailedException("job " + job + " on " + cluster.url + " returned a proof that does not verify ("
          + v.error().orElseThrow() + ": " + v.detail() + "); nothing written", 1);
    }
    Files.write(output, bundle);
    PrintWriter out = cmd.getOut();
    for (long o : r.outputs()) {
      out.println(Long.toUnsignedString(o));
    }
    err.printf("proved %d steps in %d segment(s) in %.2f s on %s (job %s); proof %d bytes -> %s%n", r.steps(),
        r.segments(), r.provingTime().toNanos() / 1e9, cluster.url, job, bundle.length, output);
    err.printf("security (the coordinator's options): %s%n", VerifyCommand.bits(v.security().orElseThrow()));
    return 0;
  }

  /** Everything checkable before proving, so a typo costs no proving time. */
  private void checkOptions() {
    CommandLine cmd = spec.commandLine();
    if (threads < 0 || threads > MAX_THREADS) {
      throw BadValue.of(cmd, "--threads", threads, "0.." + MAX_THREADS + " (0 = one per core)");
    }
    if (maxSegments < 1 || maxSegments > MAX_SEGMENTS) {
      throw BadValue.of(cmd, "--max-segments", maxSegments, "1.." + MAX_SEGMENTS);
    }
    Path abs = output.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw BadValue.of(cmd, "--output", output, "a file path, not a directory");
    }
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw BadValue.of(cmd, "--output", output, "a file in an existing directory (" + parent + " does not exist)");
    }
    if (!Files.isWritable(parent) || (Files.exists(abs) && !Files.isWritable(abs))) {
      throw BadValue.of(cmd, "--output", output, "a writable file path");
    }
    input.check(cmd);
  }
}
