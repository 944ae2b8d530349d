package dev.zisk4j.sdk;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.MalformedProofException;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.io.InputSource;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.grpc.GrpcPushProducerTransport;
import dev.zisk4j.io.transport.grpc.GrpcPushTransport;
import dev.zisk4j.io.transport.grpc.CoordinatorAccess;
import dev.zisk4j.proto.coordinator.v1.ApiError;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.CancelJobResponse;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import dev.zisk4j.proto.coordinator.v1.JobFailure;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobKindResponse;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.WatchJobRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProverClient} of a coordinator's client API ({@code zisk.coordinator.v1.ZiskCoordinatorApi},
 * spec zisk.md §3.2), over the generated stubs only: setup, prove and execute run on the cluster,
 * verify runs here on the built-in engine (ZisK verifies locally too; the API has no verify call).
 *
 * <p>Each job runs on its own thread: it uploads the program (once per client and image), submits the
 * job, follows its {@code WatchJob} events (progress 25/75/90 for CONTRIBUTIONS/PROVE/AGGREGATE, as
 * ZisK's remote client) and long-polls {@code WaitJobResult} until a terminal state.
 * {@link JobHandle#cancel()} sends {@code CancelJob}, so the coordinator really stops the job's tasks.
 *
 * <p>Input: a {@link ZiskStdin} travels inline; a {@link ZiskStream#grpc()} stream is bound to the
 * job once the coordinator has named it ({@code stream_uri = "grpc://push"}), so the host writes and
 * flushes into a running remote job exactly as into an embedded one; waiting on the handle finishes the
 * stream (the end of the push is the end of input). Other streams (unix, quic) are refused: the
 * coordinator could not reach a socket on this host.
 *
 * <p>Proving options are the coordinator's: a request that sets any (segment size, security, private
 * input, a step limit) is refused rather than proven under other options than asked. Thread-safe.
 */
public final class RemoteProverClient implements ProverClient, JobSubmitter {
  private static final Logger log = LoggerFactory.getLogger(RemoteProverClient.class);
  /** The coordinator keeps replies under 128 MiB (spec errata); a little more is accepted. */
  private static final int MAX_INBOUND_BYTES = 136 << 20;
  /** WaitJobResult's hold per call (design §8: 30 s); the call's deadline is the hold + 10 s. */
  private static final int WAIT_HOLD_SECONDS = 30;

  private final String url;
  private final String target;
  private final CoordinatorAccess access;
  private final Duration callTimeout;
  private final ManagedChannel channel;
  private final ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub blocking;
  private final ZiskCoordinatorApiGrpc.ZiskCoordinatorApiStub async;
  private final EmbeddedProverClient local;
  private final ScheduledExecutorService timer;
  private final JobRunner runner;
  /** Image id (hex) → the coordinator's hash_id, so a program is uploaded once per client. */
  private final Map<String, String> uploaded = new ConcurrentHashMap<>();
  private final Set<JobHandle<?>> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** How long a job's wait keeps retrying an unreachable coordinator (it may be restarting). */
  private final Duration reconnectWindow;

  private RemoteProverClient(Builder b) {
    this.url = b.url;
    URI u = parse(b.url);
    this.access = b.access(u.getScheme());
    this.target = u.getHost() + ":" + (u.getPort() < 0 ? Builder.DEFAULT_PORT : u.getPort());
    this.callTimeout = b.callTimeout;
    this.reconnectWindow = b.reconnectWindow;
    this.channel = access.channelBuilder(target).maxInboundMessageSize(MAX_INBOUND_BYTES).build();
    this.blocking = ZiskCoordinatorApiGrpc.newBlockingStub(channel);
    this.async = ZiskCoordinatorApiGrpc.newStub(channel);
    this.local = EmbeddedProverClient.builder().threads(b.verifierThreads).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "zisk4j-remote-job-timer");
      t.setDaemon(true);
      return t;
    });
    this.runner = new JobRunner(Thread.ofPlatform().daemon().factory(), timer);
  }

  /**
   * {@code http://host:port} or {@code grpc://host:port} (plaintext), {@code https://host:port} (TLS with the
   * JDK's trust store) or {@code host:port}; the port defaults to 8080.
   */
  private static URI parse(String url) {
    String s = url.contains("://") ? url : "http://" + url;
    URI u;
    try {
      u = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a coordinator URL: url=" + url + " (" + e.getMessage() + ")", e);
    }
    if (!Set.of("http", "https", "grpc").contains(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("a coordinator URL is http://host:port, https://host:port, grpc://host:port "
          + "or host:port: url=" + url);
    }
    return u;
  }

  static Builder builder(String url) {
    return new Builder(url);
  }

  /** Options of a remote client; every one has a default. Not thread-safe. */
  public static final class Builder {
    /** The zisk4j coordinator's port (ZisK's is 7000: give it in the URL). */
    static final int DEFAULT_PORT = 8080;
    private final String url;
    private Duration callTimeout = Duration.ofSeconds(10);
    private Duration reconnectWindow = Duration.ofMinutes(2);
    private int verifierThreads = Runtime.getRuntime().availableProcessors();
    private Optional<String> token = Optional.empty();
    private Optional<java.nio.file.Path> trustedCa = Optional.empty();
    private Optional<java.nio.file.Path> clientCertificate = Optional.empty();
    private Optional<java.nio.file.Path> clientKey = Optional.empty();

    private Builder(String url) {
      this.url = java.util.Objects.requireNonNull(url, "url");
      parse(url);
    }

    /**
     * How long a single call (upload, submit, cancel) may take, waiting for the coordinator to be
     * reachable included (default 10 s, ZisK's connect timeout). The job itself has no limit unless
     * the request sets {@code timeout}.
     */
    public Builder callTimeout(Duration d) {
      if (!d.isPositive()) {
        throw new IllegalArgumentException("callTimeout must be positive: callTimeout=" + d);
      }
      this.callTimeout = d;
      return this;
    }

    /**
     * How long a submitted job's handle keeps waiting while the coordinator is unreachable (default 2 min):
     * a durable coordinator that restarts recovers its jobs, so its callers see only a delay. The wait
     * retries UNAVAILABLE and DEADLINE_EXCEEDED with back-off (250 ms doubling to 2 s); past the window the
     * handle fails with {@link RemoteJobException.Reason#UNREACHABLE}.
     */
    public Builder reconnectWindow(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("reconnectWindow must not be negative: reconnectWindow=" + d);
      }
      this.reconnectWindow = d;
      return this;
    }

    /** Threads of the local verifier (default: one per core). */
    public Builder verifierThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("verifierThreads must be >= 1: verifierThreads=" + n);
      }
      this.verifierThreads = n;
      return this;
    }

    /**
     * Sends {@code token} as {@code authorization: Bearer …} on every call (a coordinator with an access
     * file requires one). Over plaintext it is only sent to a loopback address: building fails otherwise.
     *
     * @throws IllegalArgumentException if the token is empty, too long or not printable ASCII
     */
    public Builder token(String token) {
      this.token = Optional.of(CoordinatorAccess.plaintext().withToken(token).token().orElseThrow());
      return this;
    }

    /**
     * Reads the bearer token from {@code file} (see {@link #token}).
     *
     * @throws IllegalArgumentException naming the file if it is missing, empty or malformed
     */
    public Builder tokenFile(java.nio.file.Path file) {
      this.token = Optional.of(CoordinatorAccess.readToken(file));
      return this;
    }

    /** Trusts the PEM CA certificates in {@code caFile} for an https:// coordinator, instead of the JDK's. */
    public Builder trustedCa(java.nio.file.Path caFile) {
      this.trustedCa = Optional.of(caFile);
      return this;
    }

    /** Presents this PEM certificate chain and PKCS#8 key to an https:// coordinator that requires mTLS. */
    public Builder clientCertificate(java.nio.file.Path certificate, java.nio.file.Path key) {
      this.clientCertificate = Optional.of(certificate);
      this.clientKey = Optional.of(key);
      return this;
    }

    private CoordinatorAccess access(String scheme) {
      return new CoordinatorAccess("https".equals(scheme), trustedCa, clientCertificate, clientKey, token);
    }

    /**
     * Builds the client; no connection is made until the first job.
     *
     * @throws IllegalArgumentException if a token would travel in plaintext to a non-loopback host, a CA or
     *     certificate was given for an http:// URL, or the TLS files cannot be read
     */
    public RemoteProverClient build() {
      return new RemoteProverClient(this);
    }
  }

  /** The coordinator URL this client was built with. */
  public String url() {
    return url;
  }

  @Override
  public SetupRequest setup(GuestProgram program) {
    return new SetupRequest(this, program, dev.zisk4j.engine.api.ProveOptions.standard());
  }

  @Override
  public ProveRequest prove(GuestProgram program, InputSource input) {
    return new ProveRequest(this, program, input, dev.zisk4j.engine.api.ProveOptions.standard());
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
    if (r.optionsSet()) {
      throw new IllegalArgumentException("a remote prove uses the coordinator's proving options (segment size, "
          + "security, input mode): they cannot be set per request");
    }
    GuestProgram program = r.program();
    InputSource input = checkInput(r.input());
    Duration timeout = r.timeout();
    return track(runner.start("remote-prove-" + program.name(), timeout, r.listeners(),
        EmbeddedProverClient.beginInput(input), ctx -> {
          ByteArrayOutputStream pushed = new ByteArrayOutputStream();
          var msg = dev.zisk4j.proto.coordinator.v1.ProveRequest.newBuilder().setHashId(upload(program))
              .setInput(inputKind(input, pushed)).setProofDest(ProofKind.PROOF_KIND_STARK);
          deadline(timeout).ifPresent(msg::setProofTimeout);
          String id = submitJob(JobKind.newBuilder().setProve(msg).build(), input, ctx);
          var res = awaitResult(id, ctx).getProve();
          byte[] bundle = res.getProof().getData().toByteArray();
          long[] outputs = words(res.getProof().getPublicInputs());
          byte[] in = input instanceof ZiskStdin s ? s.bytes() : pushed.toByteArray();
          Proof proof = new Proof(program, bundle, outputs, InputMode.PUBLIC, in);
          int segments = segments(bundle, id);
          Duration time = Duration.ofNanos(res.getStats().getDurationNanos());
          long steps = res.getStats().getSteps();
          ctx.stats(new JobStats(steps, segments, Duration.ZERO, time, bundle.length));
          return new ProveResult(proof, outputs, steps, segments, time);
        }));
  }

  @Override
  public JobHandle<ExecuteResult> submit(ExecuteRequest r) {
    if (r.maxStepsSet()) {
      throw new IllegalArgumentException("a remote execute runs under the coordinator's segment bound: maxSteps "
          + "cannot be set per request");
    }
    GuestProgram program = r.program();
    InputSource input = checkInput(r.input());
    Duration timeout = r.timeout();
    return track(runner.start("remote-execute-" + program.name(), timeout, r.listeners(),
        EmbeddedProverClient.beginInput(input), ctx -> {
          var msg = dev.zisk4j.proto.coordinator.v1.ExecuteRequest.newBuilder().setHashId(upload(program))
              .setInput(inputKind(input, new ByteArrayOutputStream()));
          deadline(timeout).ifPresent(msg::setExecuteTimeout);
          String id = submitJob(JobKind.newBuilder().setExecute(msg).build(), input, ctx);
          var res = awaitResult(id, ctx).getExecute();
          Duration time = Duration.ofNanos(res.getStats().getDurationNanos());
          long steps = res.getStats().getSteps();
          ctx.stats(new JobStats(steps, 0, time, Duration.ZERO, 0));
          // The coordinator does not report how many input words the guest read: 0.
          return new ExecuteResult(words(res.getPublicOutputs()), steps, 0, time);
        }));
  }

  @Override
  public JobHandle<SetupResult> submit(SetupRequest r) {
    if (r.optionsSet()) {
      throw new IllegalArgumentException("a remote setup is for the coordinator's proving options: they cannot be "
          + "set per request");
    }
    GuestProgram program = r.program();
    return track(runner.start("remote-setup-" + program.name(), r.timeout(), r.listeners(), () -> {}, ctx -> {
      var msg = dev.zisk4j.proto.coordinator.v1.SetupRequest.newBuilder().setHashId(upload(program))
          .setProgramName(program.name());
      String id = submitJob(JobKind.newBuilder().setSetup(msg).build(), null, ctx);
      byte[] vk = awaitResult(id, ctx).getSetup().getVk().toByteArray();
      // VerifyingKey on the wire: Config (8 B) ‖ imageId (32 B) ‖ vkRoot (32 B), design §1.3
      if (vk.length != 72) {
        throw new RemoteJobException(RemoteJobException.Reason.INTERNAL, 0, id, "setup of job " + id
            + " returned a verifying key of " + vk.length + " bytes, expected 72", null);
      }
      return new SetupResult(Arrays.copyOfRange(vk, 8, 40), Arrays.copyOfRange(vk, 40, 72));
    }));
  }

  /** Verifies on this host with the built-in engine, exactly as the embedded client does. */
  @Override
  public JobHandle<VerifyResult> submit(VerifyRequest r) {
    return local.submit(r);
  }

  // ---- the client API --------------------------------------------------------------------------

  private ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub call() {
    return blocking.withWaitForReady().withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private String upload(GuestProgram program) {
    String known = uploaded.get(program.imageIdHex());
    if (known != null) {
      return known;
    }
    String hash;
    try {
      hash = call().registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(program.image().encode())).build()).getHashId();
    } catch (StatusRuntimeException e) {
      throw refused("uploading " + program.name(), null, e);
    }
    uploaded.put(program.imageIdHex(), hash);
    return hash;
  }

  /** Submits the job, records its id on the handle, arms the cancel and binds a push stream to it. */
  private String submitJob(JobKind kind, InputSource input, JobContext ctx) {
    String id;
    try {
      id = call().jobRequest(JobRequestMessage.newBuilder().setJobKind(kind).build()).getJobId();
    } catch (StatusRuntimeException e) {
      throw refused("submitting the job", null, e);
    }
    ctx.jobId(id);
    ctx.onCancel(() -> cancelRemote(id));
    if (input instanceof ZiskStream s) {
      s.grpcPush().orElseThrow().bind(target, access, id);
    }
    return id;
  }

  private void cancelRemote(String id) {
    async.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .cancelJob(CancelJobRequest.newBuilder().setJobId(id).build(), new StreamObserver<>() {
          @Override
          public void onNext(CancelJobResponse value) {
            log.debug("job {} cancel sent: cancelled={}", id, value.getCancelled());
          }

          @Override
          public void onError(Throwable t) {
            log.warn("CancelJob for job {} failed: {}", id, Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {}
        });
  }

  /** Follows the job's events and long-polls its result until a terminal state. */
  private JobKindResponse awaitResult(String id, JobContext ctx) throws Exception {
    Context.CancellableContext watch = Context.current().withCancellation();
    watch.run(() -> async.watchJob(WatchJobRequest.newBuilder().setJobId(id).build(), new Events(ctx)));
    long unreachableSince = 0;
    long backoffMs = 250;
    try {
      while (true) {
        ctx.throwIfCancelled();
        WaitJobResultResponse w;
        try {
          w = blocking.withDeadlineAfter(WAIT_HOLD_SECONDS + 10, TimeUnit.SECONDS).waitJobResult(
              WaitJobResultRequest.newBuilder().setJobId(id).setTimeoutSeconds(WAIT_HOLD_SECONDS).build());
        } catch (StatusRuntimeException e) {
          if (ctx.cancelled()) {
            throw new CancellationException("job " + id + " cancelled");
          }
          Status.Code code = e.getStatus().getCode();
          if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            long now = System.nanoTime();
            if (unreachableSince == 0) {
              unreachableSince = now;
              log.info("coordinator {} unreachable while waiting for job {} ({}): retrying for up to {}", url, id,
                  code, reconnectWindow);
            }
            if (now - unreachableSince < reconnectWindow.toNanos()) {
              Thread.sleep(backoffMs);
              backoffMs = Math.min(2000, backoffMs * 2);
              continue;
            }
          }
          throw refused("waiting for job " + id, id, e);
        }
        if (unreachableSince != 0) {
          log.info("coordinator {} reachable again after {} ms; job {} goes on", url,
              (System.nanoTime() - unreachableSince) / 1_000_000, id);
          unreachableSince = 0;
          backoffMs = 250;
          // the WatchJob stream broke with the connection: watch again for progress events
          watch.cancel(null);
          watch = Context.current().withCancellation();
          Context.CancellableContext again = watch;
          again.run(() -> async.watchJob(WatchJobRequest.newBuilder().setJobId(id).build(), new Events(ctx)));
        }
        switch (w.getJobStatus().getStatusCase()) {
          case COMPLETED -> {
            return w.getResult();
          }
          case FAILED -> throw failure(id, w.getJobStatus().getFailed().getFailure());
          case CANCELLED -> throw new CancellationException("job " + id + " was cancelled on the coordinator");
          default -> {
            // queued, waiting for input or running: ask again
          }
        }
      }
    } finally {
      watch.cancel(null);
    }
  }

  /** WatchJob's events as handle progress (ZisK's mapping); the result comes from WaitJobResult. */
  private static final class Events implements StreamObserver<JobEvent> {
    private final JobContext ctx;

    Events(JobContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onNext(JobEvent e) {
      if (e.hasProgress()) {
        switch (e.getProgress().getPhase()) {
          case JOB_PHASE_CONTRIBUTIONS -> ctx.progress(25, "contributions");
          case JOB_PHASE_PROVE -> ctx.progress(75, "prove");
          case JOB_PHASE_AGGREGATE -> ctx.progress(90, "aggregate");
          default -> { }
        }
      } else if (e.hasWaitingForInput()) {
        ctx.progress(0, "waiting for input");
      }
    }

    @Override
    public void onError(Throwable t) {
      if (Status.fromThrowable(t).getCode() != Status.Code.CANCELLED) {
        log.debug("WatchJob ended: {}", Status.fromThrowable(t));
      }
    }

    @Override
    public void onCompleted() {}
  }

  private static Exception failure(String id, JobFailure f) {
    return switch (f.getKindCase()) {
      case TIMEOUT -> new TimeoutException("job " + id + " timed out on the coordinator"
          + (f.getTimeout().hasPhase() ? " in phase " + f.getTimeout().getPhase() : ""));
      case INPUT -> new RemoteJobException(RemoteJobException.Reason.INPUT, 0, id, "job " + id + ": input refused: "
          + f.getInput().getReason(), null);
      case EXECUTION -> new RemoteJobException(RemoteJobException.Reason.EXECUTION, 0, id, "job " + id + " failed: "
          + f.getExecution().getReason(), null);
      case INTERNAL -> new RemoteJobException(RemoteJobException.Reason.INTERNAL, 0, id, "job " + id
          + ": coordinator internal error (trace " + f.getInternal().getTraceId() + ")", null);
      case CANCELLED -> new CancellationException("job " + id + " was cancelled on the coordinator");
      case KIND_NOT_SET -> new RemoteJobException(RemoteJobException.Reason.INTERNAL, 0, id, "job " + id
          + " failed without a reason", null);
    };
  }

  /** A refused or failed call, with the coordinator's numeric ApiError when it attached one. */
  private RemoteJobException refused(String what, String jobId, StatusRuntimeException e) {
    int apiCode = 0;
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any a : details.getDetailsList()) {
        if (a.is(ApiError.class)) {
          try {
            apiCode = a.unpack(ApiError.class).getCode();
          } catch (InvalidProtocolBufferException ignored) {
            // a garbled detail: the status alone still says what happened
          }
        }
      }
    }
    Status.Code code = e.getStatus().getCode();
    boolean unreachable = apiCode == 0 && (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED);
    return new RemoteJobException(unreachable ? RemoteJobException.Reason.UNREACHABLE
        : RemoteJobException.Reason.REJECTED, apiCode, jobId, what + " at " + url + " failed: " + code
        + (e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")"), e);
  }

  // ---- input and results -----------------------------------------------------------------------

  private static InputSource checkInput(InputSource input) {
    if (input instanceof ZiskStream s && s.grpcPush().isEmpty()) {
      throw new IllegalArgumentException("a remote job reads a ZiskStdin or a ZiskStream.grpc() stream; the "
          + "coordinator cannot reach a stream on this host: uri=" + s.uri());
    }
    return input;
  }

  /** Inline bytes, or {@code grpc://push} with the pushed bytes copied into {@code pushed}. */
  private static InputKind inputKind(InputSource input, ByteArrayOutputStream pushed) {
    return switch (input) {
      case ZiskStdin stdin -> InputKind.newBuilder().setInline(InputChunk.newBuilder()
          .setData(ByteString.copyFrom(stdin.bytes()))).build();
      case ZiskStream stream -> {
        // The verifier needs the public input: keep what is pushed, as the embedded client keeps what it reads.
        stream.grpcPush().orElseThrow().tap(chunk -> {
          synchronized (pushed) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            pushed.write(b, 0, b.length);
          }
        });
        yield InputKind.newBuilder().setStreamUri(GrpcPushTransport.PSEUDO_URI.toString()).build();
      }
    };
  }

  private static Optional<Timestamp> deadline(Duration timeout) {
    if (timeout == null || !timeout.isPositive()) {
      return Optional.empty();
    }
    Instant at = Instant.now().plus(timeout);
    return Optional.of(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build());
  }

  private static long[] words(ByteString bytes) {
    ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long[] w = new long[b.remaining() / 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = b.getLong();
    }
    return w;
  }

  private static int segments(byte[] bundle, String id) {
    try {
      return Bundle.decode(bundle).proofs().size();
    } catch (MalformedProofException e) {
      throw new RemoteJobException(RemoteJobException.Reason.INTERNAL, 0, id, "job " + id
          + " returned a proof that is not a bundle: " + e.getMessage(), e);
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

  /** Cancels running jobs (on the coordinator too), then closes the channel. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (JobHandle<?> h : running) {
        h.cancel();
      }
      channel.shutdown();
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
      timer.shutdownNow();
      local.close();
    }
  }
}
