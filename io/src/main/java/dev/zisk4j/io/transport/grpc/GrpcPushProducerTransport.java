package dev.zisk4j.io.transport.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.io.transport.ProducerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK side of {@code ZiskStream.grpc(...)}: pushes one job's input to the coordinator as one
 * {@code PushJobInput} call per job (layout in {@link GrpcPushTransport}).
 *
 * <p>Lifecycle: {@link #awaitConsumer} waits for a job id (given to the builder or to
 * {@link #nextJob} after the job was submitted, as ZisK injects its sender after submission) and a
 * READY channel, then opens the call; {@link #send} pushes one chunk, blocking while gRPC flow
 * control says the coordinator is not ready; {@link #endJob} half-closes and waits for the
 * coordinator's answer; the next job needs {@link #nextJob}, or reuses the same job id if none is
 * given (a second push of the same job, e.g. after a failed one).
 *
 * <p>Thread safety: one thread drives a job at a time (the owning stream serialises calls);
 * {@link #nextJob} and {@link #close} may come from any thread.
 */
public final class GrpcPushProducerTransport implements ProducerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcPushProducerTransport.class);
  private static final Duration END_JOB_TIMEOUT = Duration.ofSeconds(60);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // guarded by lock; null until bound for a transport made by unbound()
  private ManagedChannel channel;
  private String endpoint;
  private volatile Consumer<ByteBuffer> tap;
  /** Made by {@link #unbound()}: each job is named by {@link #bind}, and forgotten when it ends. */
  private final boolean lateBound;
  private String jobId;
  private Call call;
  private boolean closed;

  private GrpcPushProducerTransport(Builder builder) {
    this.jobId = builder.jobId;
    this.lateBound = builder.endpoint == null;
    if (builder.endpoint != null) {
      this.endpoint = builder.endpoint;
      this.channel = channelTo(builder.endpoint, builder.access != null ? builder.access
          : CoordinatorAccess.plaintext().withTls(builder.tls));
    }
  }

  private static ManagedChannel channelTo(String endpoint, CoordinatorAccess access) {
    return access.channelBuilder(endpoint)
        .maxInboundMessageSize(GrpcPushTransport.DEFAULT_MAX_INBOUND_BYTES)
        .build();
  }

  /**
   * A transport with neither coordinator nor job yet (what {@code ZiskStream.grpc()} makes, like ZisK's
   * argument-less {@code grpc()}): the remote client {@link #bind}s it once the coordinator has named
   * the job; until then a flush waits (up to its connect deadline).
   */
  public static GrpcPushProducerTransport unbound() {
    return new GrpcPushProducerTransport(new Builder());
  }

  /**
   * Points the transport at {@code endpoint} (if it has none yet) and names the job the next push
   * belongs to; a flush waiting for them wakes up.
   *
   * @throws IllegalStateException if the transport already pushes to another endpoint, or is closed
   * @throws IllegalArgumentException if {@code endpoint} or {@code jobId} is blank
   */
  public void bind(String endpoint, boolean tls, String jobId) {
    bind(endpoint, CoordinatorAccess.plaintext().withTls(tls), jobId);
  }

  /**
   * As {@link #bind(String, boolean, String)}, reaching the coordinator with {@code access} (TLS
   * material and bearer token).
   *
   * @throws IllegalArgumentException also if {@code access} would send a token in plaintext off loopback
   */
  public void bind(String endpoint, CoordinatorAccess access, String jobId) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("endpoint must not be blank");
    }
    requireJobId(jobId);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("gRPC push transport closed");
      }
      if (channel == null) {
        this.endpoint = endpoint;
        this.channel = channelTo(endpoint, access);
      } else if (!this.endpoint.equals(endpoint)) {
        throw new IllegalStateException("this stream pushes to " + this.endpoint + ", not to " + endpoint
            + ": jobId=" + jobId);
      }
      this.jobId = jobId;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands every chunk sent from now on to {@code sink} (a read-only view, valid during the call) just
   * before it goes out: the SDK keeps a public input this way. Null removes it.
   */
  public void tap(Consumer<ByteBuffer> sink) {
    this.tap = sink;
  }

  /** Starts a builder; {@code endpoint} is a gRPC target such as {@code host:port}. */
  public static Builder builder(String endpoint) {
    return new Builder(endpoint);
  }

  /** {@code grpc://push}, as ZisK reports for push streams. */
  @Override
  public URI uri() {
    return GrpcPushTransport.PSEUDO_URI;
  }

  @Override
  public int maxMessageBytes() {
    return GrpcPushTransport.MAX_CHUNK_BYTES;
  }

  /** The coordinator endpoint this transport pushes to, or null while it is {@linkplain #unbound() unbound}. */
  public String endpoint() {
    lock.lock();
    try {
      return endpoint;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Names the job the next push belongs to; a {@link #awaitConsumer} waiting for one wakes up.
   *
   * @throws IllegalArgumentException if {@code jobId} is blank
   */
  public void nextJob(String jobId) {
    requireJobId(jobId);
    lock.lock();
    try {
      this.jobId = jobId;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Opens the push call for the current job, waiting (up to {@code deadline}) for a job id and for
   * the channel to the coordinator to be READY.
   *
   * @throws TransportTimeoutException if no job id was given or the coordinator was unreachable
   *     until the deadline
   */
  @Override
  public void awaitConsumer(Duration deadline) throws IOException {
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    String job;
    lock.lock();
    try {
      while (true) {
        if (closed) {
          throw new IOException("gRPC push transport closed: endpoint=" + endpoint);
        }
        if (call != null && !call.finished()) {
          return;
        }
        if (jobId != null && channel != null) {
          job = jobId;
          break;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          throw new TransportTimeoutException("no job id for gRPC push to " + endpoint, deadline);
        }
        changed.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a job id: endpoint=" + endpoint);
    } finally {
      lock.unlock();
    }
    ManagedChannel ch;
    lock.lock();
    try {
      ch = channel;
    } finally {
      lock.unlock();
    }
    awaitReady(ch, deadlineNanos, deadline);
    Call opened = new Call(job);
    ZiskCoordinatorApiGrpc.newStub(ch).pushJobInput(opened);
    lock.lock();
    try {
      call = opened;
    } finally {
      lock.unlock();
    }
    LOG.debug("gRPC push opened: endpoint={} jobId={}", endpoint, job);
  }

  private void awaitReady(ManagedChannel channel, long deadlineNanos, Duration deadline) throws IOException {
    while (true) {
      ConnectivityState state = channel.getState(true);
      if (state == ConnectivityState.READY) {
        return;
      }
      if (state == ConnectivityState.SHUTDOWN) {
        throw new IOException("gRPC channel shut down: endpoint=" + endpoint);
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        throw new TransportTimeoutException("coordinator unreachable at " + endpoint + " (state=" + state + ")", deadline);
      }
      var changedState = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changedState::countDown);
      try {
        changedState.await(remaining, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted connecting to " + endpoint);
      }
    }
  }

  /**
   * Pushes one chunk (at most {@link #maxMessageBytes()}), waiting while the coordinator applies
   * back-pressure.
   *
   * @throws IOException if there is no open call or the coordinator ended it (status named)
   */
  @Override
  public void send(ByteBuffer message) throws IOException {
    int length = message.remaining();
    if (length > GrpcPushTransport.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("chunk too large: length=" + length
          + ", maxMessageBytes=" + GrpcPushTransport.MAX_CHUNK_BYTES);
    }
    Call c;
    lock.lock();
    try {
      c = call;
    } finally {
      lock.unlock();
    }
    if (c == null) {
      throw new IOException("no gRPC push open: endpoint=" + endpoint);
    }
    c.awaitReady();
    Consumer<ByteBuffer> sink = tap;
    if (sink != null) {
      sink.accept(message.asReadOnlyBuffer());
    }
    // A copy: gRPC serialises later, on its own thread, and the caller reuses its buffer.
    c.requests.onNext(PushJobInputRequest.newBuilder()
        .setJobId(c.jobId)
        .setChunk(InputChunk.newBuilder().setData(ByteString.copyFrom(message)))
        .build());
    c.sentAny = true;
  }

  /**
   * Half-closes the call (end of input) and waits for the coordinator's answer.
   *
   * @throws IOException if the coordinator answered with an error status
   */
  @Override
  public void endJob() throws IOException {
    Call c;
    lock.lock();
    try {
      c = call;
      call = null;
      if (lateBound) {
        // the next job's flush must wait for that job's bind, not reopen this job's push
        jobId = null;
      }
    } finally {
      lock.unlock();
    }
    if (c == null) {
      return;
    }
    if (!c.finished()) {
      if (!c.sentAny) {
        // The job id travels only in requests: an empty job still sends one (empty) chunk.
        c.awaitReady();
        c.requests.onNext(PushJobInputRequest.newBuilder().setJobId(c.jobId)
            .setChunk(InputChunk.getDefaultInstance()).build());
      }
      c.requests.onCompleted();
    }
    c.awaitFinished(END_JOB_TIMEOUT);
    LOG.debug("gRPC push closed: endpoint={} jobId={}", endpoint, c.jobId);
  }

  @Override
  public void close() {
    Call c;
    ManagedChannel channel;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      c = call;
      call = null;
      channel = this.channel;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (c != null && !c.finished()) {
      c.requests.cancel("producer closed", null);
    }
    if (channel == null) {
      return;
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static String requireJobId(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("job id must not be blank: jobId=" + jobId);
    }
    return jobId;
  }

  /** One PushJobInput call: its request side, readiness and outcome. */
  private final class Call implements ClientResponseObserver<PushJobInputRequest, Empty> {
    final String jobId;
    ClientCallStreamObserver<PushJobInputRequest> requests;
    boolean sentAny;
    private Status outcome;

    Call(String jobId) {
      this.jobId = jobId;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<PushJobInputRequest> requestStream) {
      this.requests = requestStream;
      requestStream.setOnReadyHandler(this::signal);
    }

    @Override
    public void onNext(Empty value) {}

    @Override
    public void onError(Throwable t) {
      finish(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      finish(Status.OK);
    }

    private void finish(Status status) {
      lock.lock();
      try {
        outcome = status;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void signal() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    boolean finished() {
      lock.lock();
      try {
        return outcome != null;
      } finally {
        lock.unlock();
      }
    }

    void awaitReady() throws IOException {
      lock.lock();
      try {
        while (true) {
          if (outcome != null) {
            throw failure("push ended by coordinator");
          }
          if (closed) {
            throw new IOException("gRPC push transport closed: endpoint=" + endpoint);
          }
          if (requests.isReady()) {
            return;
          }
          changed.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted pushing to " + endpoint);
      } finally {
        lock.unlock();
      }
    }

    void awaitFinished(Duration timeout) throws IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      lock.lock();
      try {
        while (outcome == null) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            requests.cancel("no answer to end of input", null);
            throw new TransportTimeoutException("coordinator did not acknowledge end of input: jobId=" + jobId, timeout);
          }
          changed.awaitNanos(remaining);
        }
        if (!outcome.isOk()) {
          throw failure("coordinator rejected pushed input");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted ending push to " + endpoint);
      } finally {
        lock.unlock();
      }
    }

    private IOException failure(String what) {
      return new IOException(what + ": endpoint=" + endpoint + ", jobId=" + jobId + ", status="
          + outcome.getCode() + (outcome.getDescription() == null ? "" : " (" + outcome.getDescription() + ")"),
          outcome.getCause());
    }
  }

  /** Options of a push transport. */
  public static final class Builder {
    private final String endpoint;
    private String jobId;
    private boolean tls;
    private CoordinatorAccess access;

    private Builder() {
      this.endpoint = null;
    }

    private Builder(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.isBlank()) {
        throw new IllegalArgumentException("endpoint must not be blank");
      }
    }

    /** The job the first push belongs to (later jobs: {@link GrpcPushProducerTransport#nextJob}). */
    public Builder jobId(String jobId) {
      this.jobId = requireJobId(jobId);
      return this;
    }

    /** TLS with the JDK's trust store; off by default (ZisK's coordinator serves plaintext). */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** TLS material and bearer token for the coordinator (overrides {@link #tls}). */
    public Builder access(CoordinatorAccess access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    public GrpcPushProducerTransport build() {
      return new GrpcPushProducerTransport(this);
    }
  }
}
