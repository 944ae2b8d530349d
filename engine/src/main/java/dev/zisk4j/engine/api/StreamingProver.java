package dev.zisk4j.engine.api;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Aggregator;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.Plan;
import dev.zisk4j.engine.segment.Planner;
import dev.zisk4j.engine.segment.SegmentCommitment;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.ReaderTape;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.io.InputReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Proves a program on input that is still arriving (engine.md §5.2 in one process, pipelined).
 *
 * <p>The guest runs on the caller's thread, reading the live stream; READ past the data received so
 * far blocks. Each finished segment's checkpoint goes to a committer thread that runs phase 1
 * (trace, LDE, Merkle root) while the guest goes on, and then drops everything but the commitment.
 * At most {@code segmentsInFlight} checkpoints wait for the committer: beyond that the guest (and so
 * the reading of input) pauses, which bounds memory by the segments in flight, not by the input.
 * Once the guest halts and the input has ended, the global challenges are drawn and phase 2 runs for
 * every segment (recomputing its trace from the checkpoint), then the bundle is assembled and checked.
 *
 * <p>Why phase 2 cannot overlap the input: the challenges are global (drawn after every segment is
 * committed), so no segment can be finished before the last one is committed. What overlaps is the
 * execution and phase 1.
 *
 * <p>Cancellation: {@code cancelled} is polled between segments and phases; an interrupt of the
 * caller's thread is honoured the same way. Thread-safe: each call is independent.
 */
public final class StreamingProver {
  private final Workers workers;
  private final int segmentsInFlight;

  /** @param segmentsInFlight checkpoints that may wait for phase 1 before execution pauses (≥ 1) */
  public StreamingProver(Workers workers, int segmentsInFlight) {
    if (segmentsInFlight < 1) {
      throw new IllegalArgumentException("segmentsInFlight must be >= 1: segmentsInFlight=" + segmentsInFlight);
    }
    this.workers = workers;
    this.segmentsInFlight = segmentsInFlight;
  }

  /**
   * Proves {@code image} on the raw framed input read from {@code input} until its end.
   *
   * @throws GuestFaultException if the guest faults (no proof; names segment and pc)
   * @throws MalformedImageException if the program does not fit the config
   * @throws IOException if the input fails other than by a clean end
   * @throws CancellationException if {@code cancelled} turned true or the thread was interrupted
   * @throws IllegalStateException if the guest does not halt within the options' maxSegments
   */
  public StreamedProof prove(ProgramImage image, InputStream input, InputReader.Options readerOptions,
      ProveOptions options, ProgressListener progress, BooleanSupplier cancelled)
      throws GuestFaultException, MalformedImageException, IOException {
    long t0 = System.nanoTime();
    boolean pub = options.inputMode() == InputMode.PUBLIC;
    InputCapture capture = new InputCapture(input, pub);
    SegmentProver prover = new SegmentProver(image, options.config(), options.inputMode(), workers, phase -> { });
    List<Future<SegmentCommitment>> commits = new ArrayList<>();
    Semaphore inFlight = new Semaphore(segmentsInFlight);
    ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "zisk4j-commit");
      t.setDaemon(true);
      return t;
    });
    try {
      progress.onProgress("execute", 0);
      InputReader reader = InputReader.over(capture, readerOptions);
      Plan plan = new Planner(options.maxSegments()).plan(image, options.config(), new ReaderTape(reader), cp -> {
        checkCancelled(cancelled);
        acquire(inFlight, cancelled);
        progress.onProgress("execute + commit segment " + cp.segIdx(), Math.min(0.4, 0.02 + 0.01 * cp.segIdx()));
        commits.add(committer.submit(() -> {
          try {
            return prover.contribute(cp);
          } finally {
            inFlight.release();
          }
        }));
      });
      if (!plan.ok()) {
        throw new GuestFaultException(plan.fault(), plan.faultSegment());
      }
      capture.drain();
      checkCancelled(cancelled);
      int k = plan.segments().size();
      Statement st = new Statement(image.imageId(), prover.verifyingKey().preRoot(),
          pub ? capture.digest() : new byte[32], pub ? Statement.words(capture.bytes()) : 0,
          options.inputMode(), plan.outputs());
      Aggregator agg = new Aggregator(options.config(), st, k);
      for (Future<SegmentCommitment> f : commits) {
        agg.accept(await(f, cancelled));
      }
      progress.onProgress("global challenges", 0.4);
      GlobalChallenges g = agg.challenges();
      List<SegmentProof> proofs = new ArrayList<>(k);
      for (Checkpoint cp : plan.segments()) {
        checkCancelled(cancelled);
        progress.onProgress("prove segment " + cp.segIdx() + "/" + k, 0.4 + 0.55 * cp.segIdx() / k);
        proofs.add(prover.prove(cp, g));
      }
      checkCancelled(cancelled);
      progress.onProgress("aggregate", 0.95);
      Bundle bundle = agg.aggregate(proofs);
      byte[] bytes = bundle.encode();
      byte[] kept = capture.keptBytes();
      BundleVerdict self = new BundleVerifier(0, workers).verify(image, bundle, kept);
      if (!self.accepted()) {
        throw new IllegalStateException("the bundle fails its own check (a bug): " + self);
      }
      long end = System.nanoTime();
      progress.onProgress("done", 1);
      ProofResult result = new ProofResult(bytes, plan.outputs(), plan.steps(), k, end - t0);
      return new StreamedProof(result, capture.bytes(), kept, end - capture.endNanos());
    } finally {
      committer.shutdownNow();
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("proof cancelled");
    }
  }

  private static void acquire(Semaphore s, BooleanSupplier cancelled) {
    try {
      s.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("proof cancelled while waiting for phase 1");
    }
    checkCancelled(cancelled);
  }

  private static SegmentCommitment await(Future<SegmentCommitment> f, BooleanSupplier cancelled) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("proof cancelled while waiting for phase 1");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException("phase 1 failed: " + c.getMessage(), c);
    }
  }
}
