package dev.zisk4j.sdk;

import dev.zisk4j.engine.api.GuestFaultException;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ReaderTape;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.InputSource;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.ConsumerTransports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProverClient} that runs every job in this process on the built-in engine.
 *
 * <p>Each job runs on its own thread; the engine's data-parallel work (NTT, Merkle, quotient) shares
 * one pool sized to the cores. Live input is consumed as it arrives: the guest executes, and finished
 * segments are committed, while the host is still writing (see {@link ZkVm#prove(dev.zisk4j.engine.vm.ProgramImage,
 * InputReader, ProveOptions, dev.zisk4j.engine.api.ProgressListener)}).
 * Thread-safe.
 */
public final class EmbeddedProverClient implements ProverClient, JobSubmitter {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedProverClient.class);
  /** Executions run in slices of this many steps so that a cancel is seen promptly. */
  private static final long EXECUTE_SLICE = 1L << 22;

  private final ProveOptions defaults;
  private final Workers workers;
  private final ZkVm zkvm;
  private final InputReader.Options readerOptions;
  private final ScheduledExecutorService timer;
  private final JobRunner runner;
  private final Set<JobHandle<?>> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedProverClient(Builder b) {
    this.defaults = b.options;
    this.workers = Workers.of(b.threads);
    this.zkvm = new ZkVm(workers);
    this.readerOptions = InputReader.Options.DEFAULT.withConnectDeadline(b.connectDeadline);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "zisk4j-job-timer");
      t.setDaemon(true);
      return t;
    });
    this.runner = new JobRunner(Thread.ofPlatform().daemon().factory(), timer);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Options of an embedded client; every one has a default. Not thread-safe. */
  public static final class Builder {
    private ProveOptions options = ProveOptions.standard();
    private int threads = Runtime.getRuntime().availableProcessors();
    private Duration connectDeadline = ZiskStream.DEFAULT_CONNECT_DEADLINE;

    private Builder() {}

    /** Default proving options of every prove and setup request (segment size, RAM, STARK parameters). */
    public Builder options(ProveOptions o) {
      this.options = o;
      return this;
    }

    /** Threads for the engine's data-parallel work (default: one per core). */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be >= 1: threads=" + n);
      }
      this.threads = n;
      return this;
    }

    /** How long a job waits for a live stream's producer (default 60 s). */
    public Builder connectDeadline(Duration d) {
      if (!d.isPositive()) {
        throw new IllegalArgumentException("connectDeadline must be positive: connectDeadline=" + d);
      }
      this.connectDeadline = d;
      return this;
    }

    public EmbeddedProverClient build() {
      return new EmbeddedProverClient(this);
    }
  }

  @Override
  public SetupRequest setup(GuestProgram program) {
    return new SetupRequest(this, program, defaults);
  }

  @Override
  public ProveRequest prove(GuestProgram program, InputSource input) {
    return new ProveRequest(this, program, input, defaults);
  }

  @Override
  public ExecuteRequest execute(GuestProgram program, InputSource input) {
    return new ExecuteRequest(this, program, input);
  }

  @Override
  public VerifyRequest verify(Proof proof) {
    return new VerifyRequest(this, proof);
  }

  // ---- job bodies ------------------------------------------------------------------------------

  @Override
  public JobHandle<ProveResult> submit(ProveRequest r) {
    ProveOptions options = r.options();
    GuestProgram program = r.program();
    InputSource input = r.input();
    boolean pub = options.inputMode() == InputMode.PUBLIC;
    return track(runner.start("prove-" + program.name(), r.timeout(), r.listeners(), beginInput(input), ctx -> {
      ProofResult res;
      KeptInput kept;
      try (InputStream raw = openRaw(input)) {
        ctx.onCancel(() -> closeQuietly(raw));
        kept = new KeptInput(raw, pub);
        // The listener is called between phases and segments, also from the phase-1 thread: a
        // cancel surfaces there as a CancellationException that ends the proof.
        res = zkvm.prove(program.image(), InputReader.over(kept, readerOptions), options, (phase, fraction) -> {
          ctx.throwIfCancelled();
          ctx.progress((int) (fraction * 100), phase);
        });
      } catch (GuestFaultException e) {
        throw new GuestFaultError(e);
      } catch (MalformedImageException e) {
        throw new IllegalArgumentException(program.name() + " does not fit the proving config: " + e.getMessage(), e);
      }
      ctx.throwIfCancelled();
      Proof proof = new Proof(program, res.bundle(), res.outputs(), options.inputMode(), pub ? kept.bytes() : null);
      Duration time = Duration.ofNanos(res.provingNanos());
      ctx.stats(new JobStats(res.steps(), res.segments(), Duration.ZERO, time, proof.size()));
      return new ProveResult(proof, res.outputs(), res.steps(), res.segments(), time);
    }));
  }

  @Override
  public JobHandle<ExecuteResult> submit(ExecuteRequest r) {
    GuestProgram program = r.program();
    InputSource input = r.input();
    return track(runner.start("execute-" + program.name(), r.timeout(), r.listeners(), beginInput(input), ctx -> {
      long t0 = System.nanoTime();
      VmState state = VmState.initial(program.image());
      OutputTape out = new OutputTape();
      try (InputStream raw = openRaw(input)) {
        ctx.onCancel(() -> closeQuietly(raw));
        ReaderTape tape = new ReaderTape(InputReader.over(raw, readerOptions));
        Executor ex = new Executor(program.image());
        ctx.progress(0, "execute");
        while (true) {
          ctx.throwIfCancelled();
          long left = r.maxSteps() - state.cycles();
          if (left <= 0) {
            throw new IllegalStateException(program.name() + " did not halt within maxSteps=" + r.maxSteps());
          }
          RunOutcome o = ex.run(state, tape, out, RunLimits.cycles(Math.min(left, EXECUTE_SLICE)), null);
          if (o.stop() == RunOutcome.Stop.HALTED) {
            break;
          }
          if (o.stop() == RunOutcome.Stop.FAULT) {
            throw new IllegalStateException(program.name() + " faulted: " + o.fault());
          }
        }
      }
      Duration time = Duration.ofNanos(System.nanoTime() - t0);
      ctx.stats(new JobStats(state.cycles(), 0, time, Duration.ZERO, 0));
      ctx.progress(100, "done");
      return new ExecuteResult(out.toArray(), state.cycles(), state.inputPosition(), time);
    }));
  }

  @Override
  public JobHandle<SetupResult> submit(SetupRequest r) {
    GuestProgram program = r.program();
    ProveOptions o = r.options();
    return track(runner.start("setup-" + program.name(), r.timeout(), r.listeners(), () -> {}, ctx -> {
      try {
        program.image().checkFits(1 << o.logRows());
      } catch (MalformedImageException e) {
        throw new IllegalArgumentException(program.name() + " does not fit the proving config: " + e.getMessage(), e);
      }
      SegmentProver prover = new SegmentProver(program.image(), o.config(program.image()), o.inputMode(), workers);
      return new SetupResult(program.imageId(), prover.verifyingKey().preRoot());
    }));
  }

  @Override
  public JobHandle<VerifyResult> submit(VerifyRequest r) {
    Proof proof = r.proof();
    return track(runner.start("verify-" + proof.program().name(), r.timeout(), r.listeners(), () -> {}, ctx -> {
      ExpectedInput expected = proof.inputMode() == InputMode.PUBLIC ? ExpectedInput.of(proof.publicInput())
          : ExpectedInput.privateInput();
      BundleVerdict v = zkvm.verify(proof.program().image(), proof.bytes(), expected, r.policy());
      return new VerifyResult(v.accepted(), v.outputs(), v.error(),
          v.accepted() ? Optional.empty() : Optional.of(v.toString()), v.security());
    }));
  }

  // ---- input -----------------------------------------------------------------------------------

  /**
   * Prepares the input for a new job and returns what finishes it when the caller waits: a live
   * stream is (re)started, as ZisK's SDK does before it submits a job, and finished on await.
   */
  static Runnable beginInput(InputSource input) {
    if (input instanceof ZiskStream s) {
      try {
        s.start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the input stream " + s.uri() + ": " + e.getMessage(), e);
      }
      return () -> {
        try {
          // Unlike ZisK, bytes written but not yet flushed are sent before the end of input: the
          // job would otherwise prove a silently shortened input.
          if (s.pendingBytes() > 0) {
            s.flush();
          }
          s.finish();
        } catch (IOException e) {
          log.warn("finishing input stream {} failed", s.uri(), e);
        }
      };
    }
    return () -> {};
  }

  /** The raw bytes of the input as the prover receives them. */
  private InputStream openRaw(InputSource input) throws IOException {
    return switch (input) {
      case ZiskStdin stdin -> new ByteArrayInputStream(stdin.bytes());
      case ZiskStream stream -> {
        String scheme = stream.uri().getScheme();
        if ("grpc".equals(scheme)) {
          throw new IllegalArgumentException("a gRPC-push stream feeds a coordinator; the embedded client reads "
              + "unix:// or quic:// streams: uri=" + stream.uri());
        }
        yield ConsumerTransports.standard().connect(stream.uri(), readerOptions.connectDeadline());
      }
    };
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("closing input after cancel failed", e);
    }
  }

  private <T> JobHandle<T> track(JobHandle<T> h) {
    if (closed.get()) {
      h.cancel();
      throw new IllegalStateException("client closed");
    }
    running.add(h);
    h.whenComplete((v, e) -> running.remove(h));
    return h;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (JobHandle<?> h : running) {
        h.cancel();
      }
      timer.shutdownNow();
      workers.close();
    }
  }
}
