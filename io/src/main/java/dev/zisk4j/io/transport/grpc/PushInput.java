package dev.zisk4j.io.transport.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One push's bytes as an {@link InputStream}: gRPC's thread appends chunks, the reader blocks until
 * bytes, the end, or a failure arrive. Flow control: the server asks gRPC for the next message only
 * while fewer than {@link #HIGH_WATER_BYTES} wait unread.
 */
final class PushInput extends InputStream {
  static final long HIGH_WATER_BYTES = 8L * 1024 * 1024;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final String jobId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private ServerCallStreamObserver<?> call;
  private ServerCallStreamObserver<Empty> respond;
  private boolean responded;
  private ByteBuffer current = EMPTY;
  private long buffered;
  private boolean requestOwed;
  private boolean ended;
  private boolean closed;
  private IOException failure;

  PushInput(String jobId) {
    this.jobId = jobId;
  }

  String jobId() {
    return jobId;
  }

  void attach(ServerCallStreamObserver<Empty> call) {
    lock.lock();
    try {
      this.call = call;
      this.respond = call;
      if (closed && !responded) {
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
      if (closed) {
        return;
      }
      if (!data.isEmpty()) {
        chunks.add(data.asReadOnlyByteBuffer()); // a view, no copy
        buffered += data.size();
        changed.signalAll();
      }
      if (buffered < HIGH_WATER_BYTES) {
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
      ended = true;
      changed.signalAll();
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
      if (failure == null && !ended) {
        failure = e;
      }
      changed.signalAll();
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
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (true) {
        if (closed) {
          throw new IOException("push input closed: jobId=" + jobId);
        }
        int left = current.remaining();
        if (left > 0) {
          int n = Math.min(len, left);
          current.get(b, off, n);
          buffered -= n;
          if (requestOwed && buffered < HIGH_WATER_BYTES) {
            requestOwed = false;
            call.request(1);
          }
          return n;
        }
        if (!chunks.isEmpty()) {
          current = chunks.poll();
          continue;
        }
        if (failure != null) {
          throw failure;
        }
        if (ended) {
          return -1;
        }
        changed.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted reading pushed input: jobId=" + jobId);
    } finally {
      lock.unlock();
    }
  }

  /** Before the end this cancels the push: the client's next send fails with CANCELLED. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      chunks.clear();
      current = EMPTY;
      if (!ended && failure == null && call != null && !responded && !call.isCancelled()) {
        responded = true;
        respond.onError(Status.CANCELLED.withDescription("reader closed: jobId=" + jobId).asRuntimeException());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
