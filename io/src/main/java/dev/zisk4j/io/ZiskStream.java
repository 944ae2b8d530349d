package dev.zisk4j.io;

import dev.zisk4j.io.bincode.BincodeType;
import dev.zisk4j.io.bincode.BincodeWriter;
import dev.zisk4j.io.transport.ProducerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import dev.zisk4j.io.transport.grpc.GrpcPushProducerTransport;
import dev.zisk4j.io.transport.quic.QuicProducerTransport;
import dev.zisk4j.io.transport.unix.UnixExternalProducerTransport;
import dev.zisk4j.io.transport.unix.UnixProducerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live input for a prover, pushed over a transport as it is produced (ZisK's {@code ZiskStream}),
 * reusable job after job. Lifecycle (spec §1.7):
 *
 * <ul>
 *   <li>{@link #write}, {@link #writeSlice}, {@link #writeBytes} only append to an in-memory buffer
 *       and never block on the transport.
 *   <li>{@link #start} begins a job. The first {@link #flush} of a fresh stream starts the first job
 *       implicitly. A flush blocks until the job's consumer is connected (at most the connect
 *       deadline, default 60 s, then {@link TransportTimeoutException}), then sends every buffered
 *       byte in messages of the transport's size rounded down to 8 bytes: each message but the
 *       flush's last is a multiple of 8.
 *   <li>If a send fails (consumer gone) the bytes already delivered are dropped and the unsent tail
 *       is kept; the broken connection is dropped, so a retried flush waits for a new consumer and
 *       resumes at the exact byte.
 *   <li>{@link #finish} ends the job: the consumer sees end of input. A flush after finish blocks
 *       until the next {@link #start} (up to the connect deadline), which guards against writing into
 *       a completed job. {@link #reset} drops unsent bytes only.
 * </ul>
 *
 * <p>Thread-safe: any thread may write while another flushes; flush, start and finish are
 * serialised (a finish waits for a flush that is waiting for its consumer; {@link #close} does not).
 */
public final class ZiskStream implements InputSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZiskStream.class);
  /** ZisK's {@code CONNECT_DEADLINE}. */
  public static final Duration DEFAULT_CONNECT_DEADLINE = Duration.ofSeconds(60);

  private enum JobState { FRESH, STARTED, FINISHED, CLOSED }

  private final ProducerTransport transport;
  private final int chunkBytes;

  private final ReentrantLock bufferLock = new ReentrantLock();
  private final PendingBytes pending = new PendingBytes();
  private final BincodeWriter scratch = new BincodeWriter();

  private final ReentrantLock jobLock = new ReentrantLock();
  private final Condition jobChanged = jobLock.newCondition();
  private JobState state = JobState.FRESH;
  private boolean consumerConnected;
  private volatile Duration connectDeadline = DEFAULT_CONNECT_DEADLINE;
  private final AtomicBoolean closing = new AtomicBoolean();

  private ZiskStream(ProducerTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    int max = transport.maxMessageBytes();
    if (max < RecordFraming.ALIGNMENT) {
      throw new IllegalArgumentException("transport messages too small to carry 8-byte words: maxMessageBytes=" + max
          + ", min=" + RecordFraming.ALIGNMENT);
    }
    this.chunkBytes = max & ~(RecordFraming.ALIGNMENT - 1);
  }

  /**
   * A stream over any producer transport; the stream owns it and closes it in {@link #close}.
   *
   * @throws IllegalArgumentException if the transport's messages are under 8 bytes
   */
  public static ZiskStream over(ProducerTransport transport) {
    return new ZiskStream(transport);
  }

  /** Listens on a unix SEQPACKET socket at {@code /tmp/zisk-input-<uuid>.sock}. */
  public static ZiskStream unix() throws IOException {
    return over(UnixProducerTransport.bindTemporary());
  }

  /** Listens on a unix SEQPACKET socket at {@code path} from now on, replacing a stale socket file. */
  public static ZiskStream unixAt(Path path) throws IOException {
    return over(UnixProducerTransport.bind(path));
  }

  /** Writes through a unix SEQPACKET socket another process listens on; nothing is bound or unlinked here. */
  public static ZiskStream unixExternal(Path path) {
    return over(new UnixExternalProducerTransport(path));
  }

  /**
   * A QUIC server at {@code uri} (e.g. {@code quic://127.0.0.1:0}), bound now; {@link #uri()} reports
   * the real port.
   *
   * @throws IllegalArgumentException if {@code uri} is not {@code quic://ip:port}
   * @throws IOException if the port cannot be bound or QUIC's native library cannot load
   */
  public static ZiskStream quic(String uri) throws IOException {
    return over(QuicProducerTransport.bind(URI.create(uri)));
  }

  /**
   * A gRPC push stream ({@code grpc://push}) through the coordinator's {@code PushJobInput}, e.g.
   * {@code grpc(GrpcPushProducerTransport.builder("coordinator:7000").jobId(id))}. Unlike ZisK's
   * argument-less {@code grpc()}, the endpoint and job are given here (or later via
   * {@link GrpcPushProducerTransport#nextJob} on a transport passed to {@link #over}).
   */
  public static ZiskStream grpc(GrpcPushProducerTransport.Builder push) {
    return over(push.build());
  }

  /**
   * A gRPC push stream ({@code grpc://push}) for a remote job, as ZisK's {@code ZiskStream::grpc()}: it
   * names no coordinator; {@code ProverClient.remote(url)} binds it to the job it submits (see
   * {@link GrpcPushProducerTransport#bind}), and a flush before that waits for it.
   */
  public static ZiskStream grpc() {
    return over(GrpcPushProducerTransport.unbound());
  }

  /** The push transport of a {@code grpc://push} stream (to bind it to a job), or empty for other transports. */
  public java.util.Optional<GrpcPushProducerTransport> grpcPush() {
    return transport instanceof GrpcPushProducerTransport g ? java.util.Optional.of(g) : java.util.Optional.empty();
  }

  /** Sets how long a flush waits for a consumer (or for the next start after finish). */
  public ZiskStream connectDeadline(Duration deadline) {
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("connect deadline negative: deadline=" + deadline);
    }
    this.connectDeadline = deadline;
    return this;
  }

  /** What a consumer connects to. */
  public URI uri() {
    return transport.uri();
  }

  /**
   * Appends a u64 as one record, like ZisK's {@code write(&3u64)}: shorthand for
   * {@code write(Bincode.U64, value)} (bincode varint; the value's bits are read as unsigned).
   */
  public void write(long value) {
    write(dev.zisk4j.io.bincode.Bincode.U64, value);
  }

  /** Appends {@code value} as bincode 2 {@code standard()}, framed as one record. Never blocks on I/O. */
  public <T> void write(BincodeType<T> type, T value) {
    bufferLock.lock();
    try {
      scratch.reset();
      type.encode(value, scratch);
      pending.appendRecord(scratch.array(), 0, scratch.size());
    } finally {
      bufferLock.unlock();
    }
  }

  /** Appends {@code payload} verbatim as one framed record. Never blocks on I/O. */
  public void writeSlice(byte[] payload) {
    writeSlice(payload, 0, payload.length);
  }

  public void writeSlice(byte[] payload, int off, int len) {
    Objects.checkFromIndexSize(off, len, payload.length);
    bufferLock.lock();
    try {
      pending.appendRecord(payload, off, len);
    } finally {
      bufferLock.unlock();
    }
  }

  /**
   * Appends bytes with no framing. The caller keeps the job's total a multiple of 8 (readers see the
   * stream as 64-bit words). Never blocks on I/O.
   */
  public void writeBytes(byte[] bytes) {
    writeBytes(bytes, 0, bytes.length);
  }

  public void writeBytes(byte[] bytes, int off, int len) {
    Objects.checkFromIndexSize(off, len, bytes.length);
    bufferLock.lock();
    try {
      pending.appendRaw(bytes, off, len);
    } finally {
      bufferLock.unlock();
    }
  }

  /** Unsent bytes currently buffered. */
  public long pendingBytes() {
    bufferLock.lock();
    try {
      return pending.size();
    } finally {
      bufferLock.unlock();
    }
  }

  /** Drops every buffered, unsent byte; bytes already flushed cannot be taken back. */
  public void reset() {
    bufferLock.lock();
    try {
      pending.clear();
    } finally {
      bufferLock.unlock();
    }
  }

  /**
   * Starts a job: ends the current one first if it is running, then lets flushes through (a flush
   * waiting after {@link #finish} wakes up). The consumer may connect before or after.
   *
   * @throws IOException if ending the previous job failed
   * @throws IllegalStateException if the stream is closed
   */
  public void start() throws IOException {
    jobLock.lock();
    try {
      ensureOpen();
      if (state == JobState.STARTED) {
        endJob();
      }
      state = JobState.STARTED;
      jobChanged.signalAll();
    } finally {
      jobLock.unlock();
    }
  }

  /**
   * Sends every buffered byte to the job's consumer.
   *
   * @throws TransportTimeoutException if no consumer connected (or, after finish, no start came)
   *     within the connect deadline; nothing is lost
   * @throws IOException if the consumer went away; the unsent tail stays buffered for a retry
   * @throws IllegalStateException if the stream is closed
   */
  public void flush() throws IOException {
    jobLock.lock();
    try {
      Duration deadline = connectDeadline;
      awaitStarted(deadline);
      if (!consumerConnected) {
        transport.awaitConsumer(deadline);
        consumerConnected = true;
        log.debug("consumer connected: uri={}", uri());
      }
      sendPending();
    } finally {
      jobLock.unlock();
    }
  }

  private void awaitStarted(Duration deadline) throws IOException {
    ensureOpen();
    if (state == JobState.FRESH) {
      state = JobState.STARTED;
      return;
    }
    long nanos = deadline.toNanos();
    while (state == JobState.FINISHED) {
      if (nanos <= 0) {
        throw new TransportTimeoutException("stream finished; no start() for the next job, uri=" + uri(), deadline);
      }
      try {
        nanos = jobChanged.awaitNanos(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for the next job: uri=" + uri());
      }
      ensureOpen();
    }
  }

  private void sendPending() throws IOException {
    while (true) {
      ByteBuffer view;
      long from;
      bufferLock.lock();
      try {
        if (pending.size() == 0) {
          return;
        }
        from = pending.headPosition();
        view = pending.lendHead(chunkBytes);
      } finally {
        bufferLock.unlock();
      }
      int n = view.remaining();
      try {
        transport.send(view);
      } catch (IOException e) {
        release(from);
        consumerConnected = false;
        endJobQuietly();
        throw new IOException("consumer gone; unsent bytes kept for a retry: uri=" + uri() + ", pending="
            + pendingBytes() + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        release(from);
        throw e;
      }
      release(from + n);
    }
  }

  /** Ends the loan of the head view and drops what was delivered up to {@code deliveredTo}. */
  private void release(long deliveredTo) {
    bufferLock.lock();
    try {
      pending.release();
      pending.consumeTo(deliveredTo);
    } finally {
      bufferLock.unlock();
    }
  }

  /**
   * Ends the job: closes the transport connection so the consumer sees end of input. Idempotent and
   * safe before any start. Buffered, unsent bytes stay for the next job.
   */
  public void finish() throws IOException {
    jobLock.lock();
    try {
      if (state == JobState.STARTED) {
        state = JobState.FINISHED;
        endJob();
        log.debug("job finished: uri={}, unsentBytes={}", uri(), pendingBytes());
      }
    } finally {
      jobLock.unlock();
    }
  }

  private void endJob() throws IOException {
    consumerConnected = false;
    transport.endJob();
  }

  private void endJobQuietly() {
    try {
      transport.endJob();
    } catch (IOException e) {
      log.debug("ending a broken job failed: uri={}", uri(), e);
    }
  }

  private void ensureOpen() {
    if (state == JobState.CLOSED) {
      throw new IllegalStateException("stream closed: uri=" + uri());
    }
  }

  /** A reader connected to this stream's {@link #uri()}, as a prover would consume it. */
  @Override
  public InputReader openReader() throws IOException {
    return InputReader.open(uri(), InputReader.Options.DEFAULT.withConnectDeadline(connectDeadline));
  }

  /**
   * Ends the job and releases the transport (socket files, ports). Idempotent. A flush blocked on
   * its consumer or in a send fails promptly with an {@link IOException} instead of running to its
   * deadline.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    // Closing the transport first wakes a flush that holds the job lock while it waits.
    transport.close();
    jobLock.lock();
    try {
      state = JobState.CLOSED;
      consumerConnected = false;
      jobChanged.signalAll();
    } finally {
      jobLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ZiskStream[" + uri() + "]";
  }

}
