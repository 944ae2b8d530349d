package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.bincode.Bincode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedProverClientTest {
  /** Small segments (2^10 rows, 64 RAM words) keep each proof well under a second. */
  static final ProveOptions SMALL = ProveOptions.standard().withLogRows(10).withMaxSegments(256);
  static EmbeddedProverClient client;

  @BeforeAll
  static void start() {
    client = ProverClient.embedded().options(SMALL).connectDeadline(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  static byte[] words(long... ws) {
    ByteBuffer b = ByteBuffer.allocate(ws.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long w : ws) {
      b.putLong(w);
    }
    return b.array();
  }

  @Test
  void provesAndVerifiesFibOnBufferedInput() throws Exception {
    GuestProgram fib = Guests.load("fib");
    ZiskStdin stdin = new ZiskStdin();
    stdin.write(Bincode.U64, 90L);
    ProveResult r = client.prove(fib, stdin).run().get(60, TimeUnit.SECONDS);
    assertThat(r.outputs()).containsExactly(2880067194370816120L);
    assertThat(r.segments()).isGreaterThanOrEqualTo(1);
    VerifyResult v = client.verify(r.proof()).run().get(60, TimeUnit.SECONDS);
    assertThat(v.valid()).as(v.reason().orElse("")).isTrue();
    assertThat(v.outputs()).containsExactly(2880067194370816120L);
  }

  @Test
  void provesWhileTheHostIsStillStreaming() throws Exception {
    GuestProgram checksum = Guests.load("checksum");
    try (ZiskStream stream = ZiskStream.unix()) {
      List<JobEvent> events = new CopyOnWriteArrayList<>();
      JobHandle<ProveResult> job = client.prove(checksum, stream).on(JobEvent.Kind.ALL, events::add).run();
      long s1 = 0;
      long s2 = 0;
      int n = 0;
      for (int chunk = 0; chunk < 6; chunk++) {
        long[] ws = new long[200];
        for (int i = 0; i < ws.length; i++) {
          ws[i] = chunk * 1000L + i;
          s1 += ws[i];
          s2 += s1;
          n++;
        }
        stream.writeSlice(words(ws));
        stream.flush();
      }
      ProveResult r = job.get(120, TimeUnit.SECONDS);
      assertThat(r.outputs()).containsExactly(n, s1, s2);
      assertThat(r.segments()).as("1200 words at ~7 steps each span several 2^10-row segments").isGreaterThan(3);
      assertThat(events).first().isEqualTo(new JobEvent.Started());
      assertThat(events).last().isEqualTo(new JobEvent.Completed());
      assertThat(events).filteredOn(e -> e instanceof JobEvent.Progress).isNotEmpty();
      assertThat(job.stats().segments()).isEqualTo(r.segments());
      assertThat(job.stats().proofBytes()).isEqualTo(r.proofBytes());
      assertThat(client.verify(r.proof()).run().get(60, TimeUnit.SECONDS).valid()).isTrue();
    }
  }

  @Test
  void stdinAndStreamGiveTheSameProof() throws Exception {
    GuestProgram sum = Guests.load("sum");
    byte[] payload = words(1, 2, 3, 4, 5);
    ZiskStdin stdin = new ZiskStdin();
    stdin.writeSlice(payload);
    ProveResult a = client.prove(sum, stdin).run().get(60, TimeUnit.SECONDS);
    try (ZiskStream stream = ZiskStream.unix()) {
      JobHandle<ProveResult> job = client.prove(sum, stream).run();
      stream.writeSlice(payload);
      stream.flush();
      ProveResult b = job.get(60, TimeUnit.SECONDS);
      assertThat(b.proof().bytes()).as("proofs are deterministic").isEqualTo(a.proof().bytes());
    }
    assertThat(a.outputs()).containsExactly(15);
  }

  @Test
  void aStreamServesJobAfterJob() throws Exception {
    GuestProgram sum = Guests.load("sum");
    try (ZiskStream stream = ZiskStream.unix()) {
      for (long k = 1; k <= 3; k++) {
        JobHandle<ProveResult> job = client.prove(sum, stream).run();
        stream.writeSlice(words(k, k));
        stream.flush();
        assertThat(job.get(60, TimeUnit.SECONDS).outputs()).containsExactly(2 * k);
      }
    }
  }

  @Test
  void bytesWrittenButNotFlushedAreSentWhenTheCallerWaits() throws Exception {
    GuestProgram sum = Guests.load("sum");
    try (ZiskStream stream = ZiskStream.unix()) {
      JobHandle<ProveResult> job = client.prove(sum, stream).run();
      stream.writeSlice(words(20, 22)); // no flush: waiting for the job sends it, then ends the input
      assertThat(job.get(60, TimeUnit.SECONDS).outputs()).containsExactly(42);
    }
  }

  @Test
  void aTamperedProofIsRejectedWithAReason() throws Exception {
    GuestProgram sum = Guests.load("sum");
    ZiskStdin stdin = new ZiskStdin();
    stdin.writeSlice(words(7, 8));
    Proof good = client.prove(sum, stdin).run().get(60, TimeUnit.SECONDS).proof();
    byte[] bytes = good.bytes();
    bytes[bytes.length / 2] ^= 0x01;
    Proof bad = new Proof(sum, bytes, good.outputs(), good.inputMode(), good.publicInput());
    VerifyResult v = client.verify(bad).run().get(60, TimeUnit.SECONDS);
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).isPresent();
    Proof otherInput = new Proof(sum, good.bytes(), good.outputs(), good.inputMode(), words(7, 9));
    assertThat(client.verify(otherInput).run().get(60, TimeUnit.SECONDS).valid()).as("different input").isFalse();
  }

  @Test
  void savedProofLoadsAndVerifies(@TempDir Path dir) throws Exception {
    GuestProgram sum = Guests.load("sum");
    byte[] input = new byte[0];
    ZiskStdin stdin = new ZiskStdin();
    stdin.writeSlice(words(40, 2));
    input = stdin.bytes();
    ProveResult r = client.prove(sum, stdin).run().get(60, TimeUnit.SECONDS);
    Path file = dir.resolve("sum.proof");
    r.proof().save(file);
    Proof loaded = Proof.loadPublic(sum, file, input);
    VerifyResult v = client.verify(loaded).run().get(60, TimeUnit.SECONDS);
    assertThat(v.valid()).isTrue();
    assertThat(v.outputs()).containsExactly(42);
    assertThat(v.security().orElseThrow().conjectured()).isEqualTo(105);
    // the mode is explicit: the same file loaded as a private-input proof is a different claim
    VerifyResult asPrivate = client.verify(Proof.loadPrivate(sum, file)).run().get(60, TimeUnit.SECONDS);
    assertThat(asPrivate.valid()).isFalse();
    assertThat(asPrivate.error()).contains(dev.zisk4j.engine.segment.BundleError.INPUT_MODE_MISMATCH);
    // and the verifier's policy decides what is worth accepting
    VerifyResult strict = client.verify(loaded).policy(dev.zisk4j.engine.segment.VerifyPolicy.DEFAULT
        .withMinProvenBits(100)).run().get(60, TimeUnit.SECONDS);
    assertThat(strict.error()).contains(dev.zisk4j.engine.segment.BundleError.INSECURE_CONFIG);
    assertThat(strict.security()).isPresent();
  }

  @Test
  void aFaultingGuestGivesNoProofAndNamesSegmentAndPc() {
    GuestProgram bad = GuestProgram.fromSource("bad.zasm", """
        .memory 64
        li r1, 5
        assert r1, 6
        halt
        """);
    JobHandle<ProveResult> job = client.prove(bad, new ZiskStdin()).run();
    assertThatThrownBy(() -> job.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(GuestFaultError.class).hasMessageContaining("segment 0").hasMessageContaining("pc");
    assertThat(job.events()).last().isInstanceOf(JobEvent.Failed.class);
  }

  @Test
  void cancelStopsAProofWaitingForInput() throws Exception {
    GuestProgram checksum = Guests.load("checksum");
    try (ZiskStream stream = ZiskStream.unix()) {
      CountDownLatch executing = new CountDownLatch(1);
      JobHandle<ProveResult> job = client.prove(checksum, stream)
          .on(JobEvent.Kind.PROGRESS, e -> executing.countDown()).run();
      stream.writeSlice(words(1, 2, 3));
      stream.flush(); // the guest now waits for more input that never comes
      assertThat(executing.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(job.cancel()).isTrue();
      assertThatThrownBy(() -> job.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
      assertThat(job.events()).last().isEqualTo(new JobEvent.Failed("Cancelled"));
      awaitNoThread("zisk4j-job-prove-checksum.zasm");
      awaitNoThread("zkvm-phase1");
    }
  }

  @Test
  void cancelDuringProvingStopsTheWorkAndItsThreads() throws Exception {
    GuestProgram checksum = Guests.load("checksum");
    ZiskStdin stdin = new ZiskStdin();
    for (int r = 0; r < 8; r++) {
      stdin.writeSlice(words(new long[300]));
    }
    CountDownLatch proving = new CountDownLatch(1);
    JobHandle<ProveResult> job = client.prove(checksum, stdin)
        .on(JobEvent.Kind.PROGRESS, e -> {
          if (((JobEvent.Progress) e).phase().startsWith("prove segment 2/")) {
            proving.countDown();
          }
        }).run();
    assertThat(proving.await(60, TimeUnit.SECONDS)).isTrue();
    job.cancel();
    assertThatThrownBy(job::join).isInstanceOf(CancellationException.class);
    awaitNoThread("zisk4j-job-prove-checksum.zasm");
    assertThat(job.events()).filteredOn(e -> e instanceof JobEvent.Progress p && p.phase().startsWith("aggregate"))
        .as("the work stopped before aggregation").isEmpty();
  }

  /** Waits (bounded) until no live thread has {@code name}: the job's work has really ended. */
  static void awaitNoThread(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread " + name + " still alive 30 s after cancel");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void executeStreamsWithoutProving() throws Exception {
    GuestProgram checksum = Guests.load("checksum");
    try (ZiskStream stream = ZiskStream.unix()) {
      JobHandle<ExecuteResult> job = client.execute(checksum, stream).run();
      for (int i = 0; i < 10; i++) {
        stream.writeSlice(words(i, i));
        stream.flush();
      }
      ExecuteResult r = job.get(60, TimeUnit.SECONDS);
      long s1 = 0;
      long s2 = 0;
      for (int i = 0; i < 10; i++) {
        s1 += i;
        s2 += s1;
        s1 += i;
        s2 += s1;
      }
      assertThat(r.outputs()).containsExactly(20, s1, s2);
      assertThat(r.steps()).isPositive();
    }
  }

  @Test
  void setupGivesTheVerifyingKey() throws Exception {
    GuestProgram sum = Guests.load("sum");
    SetupResult s = client.setup(sum).run().get(60, TimeUnit.SECONDS);
    assertThat(s.imageId()).isEqualTo(sum.imageId());
    assertThat(s.vkRoot()).hasSize(32);
  }
}
