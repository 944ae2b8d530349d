package dev.zisk4j.io.transport.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.io.transport.BlockingChunkQueue;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One push's bytes as an {@link InputStream}: gRPC's thread appends chunks to a
 * {@link BlockingChunkQueue} the reader blocks on (its contract is this stream's). Flow control: the
 * server asks gRPC for the next message only while fewer than {@link #HIGH_WATER_BYTES} wait unread.
 */
final class PushInput extends InputStream {
  static final long HIGH_WATER_BYTES = 8L * 1024 * 1024;

  private final String jobId;
  private final ReentrantLock lock = new ReentrantLock();
  private final BlockingChunkQueue queue;
  private ServerCallStreamObserver<?> call;
  private ServerCallStreamObserver<Empty> respond;
  private boolean responded;
  private boolean requestOwed;

  PushInput(String jobId) {
    this.jobId = jobId;
    this.queue = new BlockingChunkQueue("pushed input: jobId=" + jobId, lock, new BlockingChunkQueue.Hooks() {
      @Override
      public void consumed(int n) {
        if (requestOwed && queue.queuedBytes() < HIGH_WATER_BYTES) {
          requestOwed = false;
          call.request(1);
        }
      }
    });
  }

  String jobId() {
    return jobId;
  }

  void attach(ServerCallStreamObserver<Empty> call) {
    lock.lock();
    try {
      this.call = call;
      this.respond = call;
      if (queue.isClosed() && !responded) {
        responded = true;
        call.onError(Status.CANCELLED.withDescription("reader closed: jobId=" + jobId).asRuntimeException());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called on gRPC's thread with each chunk; asks for the next one unless the reader lags. */
  void append(ByteString data) {
    lock.lock();
    try {
      if (queue.isClosed()) {
        return;
      }
      queue.add(BlockingChunkQueue.Chunk.of(data.asReadOnlyByteBuffer())); // a view, no copy
      if (queue.queuedBytes() < HIGH_WATER_BYTES) {
        call.request(1);
      } else {
        requestOwed = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The client half-closed: the reader sees EOF after the buffered bytes, and the client gets its
   * {@code Empty}, unless the reader already cancelled. Response calls happen under the lock so they
   * never race with {@link #close} on the reader's thread.
   */
  void end() {
    lock.lock();
    try {
      queue.end();
      if (!responded && !call.isCancelled()) {
        responded = true;
        respond.onNext(Empty.getDefaultInstance());
        respond.onCompleted();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The push broke ({@code status} is sent to the client unless it is the one who broke it). */
  void fail(IOException e, Status status) {
    lock.lock();
    try {
      queue.fail(e);
      if (status != null && !responded && !call.isCancelled()) {
        responded = true;
        respond.onError(status.asRuntimeException());
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return queue.read(b, off, len);
  }

  @Override
  public int available() {
    return queue.available();
  }

  /** Before the end this cancels the push: the client's next send fails with CANCELLED. */
  @Override
  public void close() {
    lock.lock();
    try {
      boolean settled = queue.isEnded() || queue.isFailed();
      if (!queue.close()) {
        return;
      }
      if (!settled && call != null && !responded && !call.isCancelled()) {
        responded = true;
        respond.onError(Status.CANCELLED.withDescription("reader closed: jobId=" + jobId).asRuntimeException());
      }
    } finally {
      lock.unlock();
    }
  }
}
