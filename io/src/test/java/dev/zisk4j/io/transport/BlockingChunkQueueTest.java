package dev.zisk4j.io.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The contract the push transports (gRPC, QUIC) share through {@link BlockingChunkQueue}. */
class BlockingChunkQueueTest {

  @Property(tries = 60)
  void bytesComeOutInOrderWhateverTheChunkAndReadSizes(
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 3000) Integer> chunkSizes,
      @ForAll @IntRange(min = 1, max = 5000) int readSize) throws Exception {
    AtomicLong consumed = new AtomicLong();
    BlockingChunkQueue q = new BlockingChunkQueue("test", new ReentrantLock(), new BlockingChunkQueue.Hooks() {
      @Override
      public void consumed(int n) {
        consumed.addAndGet(n);
      }
    });
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    Thread producer = Thread.ofPlatform().start(() -> {
      byte next = 0;
      for (int size : chunkSizes) {
        byte[] chunk = new byte[size];
        for (int i = 0; i < size; i++) {
          chunk[i] = next++;
        }
        sent.writeBytes(chunk);
        q.add(BlockingChunkQueue.Chunk.of(ByteBuffer.wrap(chunk)));
      }
      q.end();
    });
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[readSize];
    for (int n; (n = q.read(buf, 0, readSize)) >= 0; ) {
      assertThat(n).isPositive();
      got.write(buf, 0, n);
    }
    producer.join();
    assertThat(got.toByteArray()).isEqualTo(sent.toByteArray());
    assertThat(consumed.get()).isEqualTo(sent.size());
    assertThat(q.queuedBytes()).isZero();
    assertThat(q.read(buf, 0, 1)).isEqualTo(-1);
  }

  @Test
  void aFailureComesAfterTheBytesQueuedBeforeItAndStays() throws Exception {
    BlockingChunkQueue q = new BlockingChunkQueue("test");
    q.add(BlockingChunkQueue.Chunk.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    IOException broke = new IOException("peer broke");
    q.fail(broke);
    q.fail(new IOException("second"));
    byte[] buf = new byte[8];
    assertThat(q.read(buf, 0, 8)).isEqualTo(3);
    assertThatThrownBy(() -> q.read(buf, 0, 8)).isSameAs(broke);
    assertThatThrownBy(() -> q.read(buf, 0, 8)).isSameAs(broke);
  }

  @Test
  void aFailureAfterTheEndIsIgnored() throws Exception {
    BlockingChunkQueue q = new BlockingChunkQueue("test");
    q.end();
    q.fail(new IOException("late"));
    assertThat(q.read(new byte[1], 0, 1)).isEqualTo(-1);
    assertThat(q.isFailed()).isFalse();
  }

  @Test
  void closeWakesABlockedReaderWithAnErrorAndReleasesEveryChunk() throws Exception {
    AtomicInteger released = new AtomicInteger();
    BlockingChunkQueue q = new BlockingChunkQueue("job 7");
    byte[] buf = new byte[4];
    q.add(counted(new byte[] {1, 2, 3, 4, 5, 6}, released));
    assertThat(q.read(buf, 0, 4)).isEqualTo(4); // this chunk is now the one being read
    q.add(counted(new byte[] {7}, released));
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
      try {
        q.read(buf, 0, 4);
        q.read(buf, 0, 4);
        return q.read(buf, 0, 4); // blocks: no end, no failure
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(100);
    assertThat(second).isNotDone();
    assertThat(q.close()).isTrue();
    assertThat(q.close()).isFalse();
    assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().cause().isInstanceOf(IOException.class).hasMessage("input closed: job 7");
    assertThat(released).hasValue(2);
    q.add(counted(new byte[] {8}, released));
    assertThat(released).hasValue(3); // added after close: released at once
    assertThatThrownBy(() -> q.read(buf, 0, 1)).hasMessage("input closed: job 7");
  }

  @Test
  void anInterruptedReaderGetsInterruptedIoExceptionAndKeepsItsFlag() throws Exception {
    BlockingChunkQueue q = new BlockingChunkQueue("job 8");
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        q.read(new byte[1], 0, 1);
        outcome.complete(null);
      } catch (IOException e) {
        outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
      }
    });
    Thread.sleep(100);
    reader.interrupt();
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class)
        .hasMessage("interrupted reading job 8");
  }

  @Test
  void aStarvedReaderAsksTheOwnerAndWaitsOnlyIfNothingChanged() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    AtomicInteger asked = new AtomicInteger();
    BlockingChunkQueue[] q = new BlockingChunkQueue[1];
    q[0] = new BlockingChunkQueue("test", lock, new BlockingChunkQueue.Hooks() {
      @Override
      public void starved() {
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        if (asked.incrementAndGet() == 1) {
          q[0].add(BlockingChunkQueue.Chunk.of(ByteBuffer.wrap(new byte[] {9})));
        } else {
          q[0].end();
        }
      }
    });
    byte[] buf = new byte[2];
    assertThat(q[0].read(buf, 0, 2)).isEqualTo(1);
    assertThat(buf[0]).isEqualTo((byte) 9);
    assertThat(q[0].read(buf, 0, 2)).isEqualTo(-1);
    assertThat(asked).hasValue(2);
  }

  @Test
  void emptyChunksAreReleasedAndNeverReadAsTheEnd() throws Exception {
    AtomicInteger released = new AtomicInteger();
    BlockingChunkQueue q = new BlockingChunkQueue("test");
    q.add(counted(new byte[0], released));
    q.add(counted(new byte[] {5}, released));
    assertThat(released).hasValue(1);
    assertThat(q.read(new byte[1], 0, 1)).isEqualTo(1);
    assertThatThrownBy(() -> q.read(new byte[1], 1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(q.read(new byte[1], 0, 0)).isZero();
  }

  private static BlockingChunkQueue.Chunk counted(byte[] bytes, AtomicInteger released) {
    BlockingChunkQueue.Chunk inner = BlockingChunkQueue.Chunk.of(ByteBuffer.wrap(bytes));
    return new BlockingChunkQueue.Chunk() {
      @Override
      public int remaining() {
        return inner.remaining();
      }

      @Override
      public void read(byte[] dst, int off, int len) {
        inner.read(dst, off, len);
      }

      @Override
      public void release() {
        released.incrementAndGet();
      }
    };
  }
}
