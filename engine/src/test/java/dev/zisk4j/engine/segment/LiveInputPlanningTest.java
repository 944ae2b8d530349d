package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.ReaderTape;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The executor consumes a live unix {@link ZiskStream}: segments are cut while the host is still
 * writing, a READ past the data received so far waits, and the end of input is the stream closing.
 */
class LiveInputPlanningTest {
  @Test
  void planningFollowsAStreamAsItArrives() throws Exception {
    ProgramImage checksum = TestGuests.image("checksum");
    VmConfig config = VmConfig.standard(9, 6);
    Random rnd = new Random(4);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (ZiskStream stream = ZiskStream.unix()) {
      CompletableFuture<Plan> planned = CompletableFuture.supplyAsync(() -> {
        try (InputReader reader = stream.openReader()) {
          return new Planner(1000).plan(checksum, config, new ReaderTape(reader));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      for (int chunk = 0; chunk < 4; chunk++) {
        byte[] payload = words(rnd, 200);
        stream.writeSlice(payload);
        stream.flush();
        all.write(frame(payload));
        // checksum reads until the end of input, so it cannot finish while the stream is open
        assertThat(planned).isNotDone();
      }
      stream.finish();
      Plan live = planned.get(60, TimeUnit.SECONDS);
      Plan inMemory = new Planner(1000).plan(checksum, config, WordTape.ofBytes(all.toByteArray()));
      assertThat(live.ok()).isTrue();
      assertThat(live.outputs()).containsExactly(inMemory.outputs());
      assertThat(live.outputs()[0]).isEqualTo(800);
      assertThat(live.segments()).hasSameSizeAs(inMemory.segments()).hasSizeGreaterThan(4);
      for (int i = 0; i < live.segments().size(); i++) {
        assertThat(live.segments().get(i).encode()).isEqualTo(inMemory.segments().get(i).encode());
      }
    }
  }

  private static byte[] words(Random rnd, int n) {
    ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putLong(rnd.nextLong());
    }
    return b.array();
  }

  private static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(payload.length).put(payload).array();
  }

  @Test
  void aStreamedInputIsProvenToTheSameBundleAsInMemory() throws Exception {
    ProgramImage sum = TestGuests.image("sum");
    byte[] payload = words(new Random(8), 150);
    byte[] framed = frame(payload);
    ProveOptions opts = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
    try (Workers workers = Workers.of(2); ZiskStream stream = ZiskStream.unix()) {
      ZkVm vm = new ZkVm(workers);
      CompletableFuture<ProofResult> proving = CompletableFuture.supplyAsync(() -> {
        try (InputReader reader = stream.openReader()) {
          return vm.prove(sum, reader, opts, ProgressListener.NONE);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      stream.writeSlice(payload);
      stream.flush();
      stream.finish();
      ProofResult streamed = proving.get(120, TimeUnit.SECONDS);
      ProofResult inMemory = vm.prove(sum, framed, opts, ProgressListener.NONE);
      assertThat(streamed.segments()).isGreaterThan(1);
      assertThat(streamed.bundle()).isEqualTo(inMemory.bundle());
      assertThat(vm.verify(sum, streamed.bundle(), ExpectedInput.of(framed), VerifyPolicy.DEFAULT).accepted()).isTrue();
    }
  }

  @Test
  void phaseOneStartsBeforeTheInputEnds() throws Exception {
    ProgramImage checksum = TestGuests.image("checksum");
    ProveOptions opts = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
    java.util.concurrent.CountDownLatch committing = new java.util.concurrent.CountDownLatch(1);
    try (Workers workers = Workers.of(2); ZiskStream stream = ZiskStream.unix()) {
      ZkVm vm = new ZkVm(workers);
      CompletableFuture<ProofResult> proving = CompletableFuture.supplyAsync(() -> {
        try (InputReader reader = stream.openReader()) {
          return vm.prove(checksum, reader, opts, (phase, fraction) -> {
            if (phase.equals("commit-main")) {
              committing.countDown();
            }
          });
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // ~7 cycles per word: 400 words fill several 512-row segments
      stream.writeSlice(words(new Random(5), 400));
      stream.flush();
      assertThat(committing.await(60, TimeUnit.SECONDS)).as("a segment was committed while the stream is open").isTrue();
      assertThat(proving).isNotDone();
      stream.writeSlice(words(new Random(6), 10));
      stream.flush();
      stream.finish();
      ProofResult r = proving.get(120, TimeUnit.SECONDS);
      assertThat(r.outputs()[0]).isEqualTo(410);
    }
  }
}
