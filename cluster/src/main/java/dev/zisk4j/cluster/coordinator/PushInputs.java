package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.io.InputFormatException;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code PushJobInput} (input {@code stream_uri = "grpc://push"}, design §3): one push per job, whose
 * end (the client half-closing) is the end of input.
 *
 * <p>Each request is checked as it comes: the job must await a push (JOB_NOT_FOUND if unknown,
 * INVALID_JOB_STATE 1004 if it takes none or was pushed already), every request names the same job,
 * a chunk is at most {@link #MAX_CHUNK_BYTES} and the total at most {@link #MAX_INPUT_BYTES}
 * (RESOURCE_EXHAUSTED), and only the last chunk may be a ragged length (INVALID_ARGUMENT naming the
 * chunk's offset). At the end the whole input goes through io's strict reader
 * ({@link InputReader#readRecordWords}), the one every consumer of ZisK input uses: a truncated
 * record, an oversized length or non-zero padding is INVALID_ARGUMENT with the reader's message,
 * which names the offset. Any refusal, and a client that aborts its push, fails the job with
 * {@code JobFailure.input}; the call is answered only once the input is known good and handed to the
 * scheduler, so the client's end of input reports what the coordinator made of it.
 *
 * <p>Thread safety: the set of jobs awaiting a push is concurrent; each push's state is touched by
 * gRPC's serialised callbacks of that call only.
 */
final class PushInputs {
  /** Largest chunk one request may carry (design §3 and §6: 4 MiB). */
  static final int MAX_CHUNK_BYTES = 4 << 20;
  /** Largest pushed input (design §3: 1 GiB in total). */
  static final long MAX_INPUT_BYTES = 1L << 30;

  private final Dispatcher dispatcher;
  private final JobStore store;
  private final Set<String> expected = ConcurrentHashMap.newKeySet();

  PushInputs(Dispatcher dispatcher, JobStore store) {
    this.dispatcher = dispatcher;
    this.store = store;
  }

  /** Job {@code jobId} takes its input from one push; forgotten once the job ends, pushed or not. */
  void expect(String jobId) {
    expected.add(jobId);
    dispatcher.call(() -> dispatcher.done(jobId)).thenAccept(done -> {
      if (done != null) {
        done.whenComplete((r, e) -> expected.remove(jobId));
      }
    });
  }

  StreamObserver<PushJobInputRequest> receive(StreamObserver<Empty> out) {
    return new Push(out);
  }

  /** One PushJobInput call. */
  private final class Push implements StreamObserver<PushJobInputRequest> {
    private final StreamObserver<Empty> out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private String jobId;
    private long total;
    /** Offset and length of a chunk that was not a multiple of 8 bytes, or -1: it must be the last. */
    private long raggedAt = -1;
    private int raggedLength;
    private boolean ended;

    Push(StreamObserver<Empty> out) {
      this.out = out;
    }

    @Override
    public void onNext(PushJobInputRequest req) {
      if (ended) {
        return;
      }
      if (jobId == null) {
        if (!claim(req.getJobId())) {
          return;
        }
      } else if (!jobId.equals(req.getJobId())) {
        refuse(Status.INVALID_ARGUMENT.withDescription("every request of a push names the same job: got job_id="
            + req.getJobId() + ", expected " + jobId).asRuntimeException());
        return;
      }
      ByteString data = req.getChunk().getData();
      if (data.size() > MAX_CHUNK_BYTES) {
        refuse(Status.RESOURCE_EXHAUSTED.withDescription("chunk of " + data.size() + " bytes at offset " + total
            + " exceeds " + MAX_CHUNK_BYTES + " bytes").asRuntimeException());
        return;
      }
      if (raggedAt >= 0 && !data.isEmpty()) {
        refuse(Status.INVALID_ARGUMENT.withDescription("unaligned chunk at offset " + raggedAt + ": " + raggedLength
            + " bytes is not a multiple of 8, and only the last chunk may be").asRuntimeException());
        return;
      }
      if (total + data.size() > MAX_INPUT_BYTES) {
        refuse(Status.RESOURCE_EXHAUSTED.withDescription("pushed input exceeds " + MAX_INPUT_BYTES + " bytes at offset "
            + total).asRuntimeException());
        return;
      }
      if (data.size() % 8 != 0) {
        raggedAt = total;
        raggedLength = data.size();
      }
      try {
        data.writeTo(bytes);
      } catch (IOException e) {
        throw new IllegalStateException("a ByteArrayOutputStream does not fail", e);
      }
      total += data.size();
    }

    /** Takes the job's one push; false (call answered) if it takes none. */
    private boolean claim(String id) {
      if (id.isEmpty()) {
        ended = true;
        out.onError(Status.INVALID_ARGUMENT.withDescription("job_id is not set").asRuntimeException());
        return false;
      }
      java.util.Optional<String> owner = ClientApiService.ownerOf(store, id);
      if (owner.isPresent() && !dev.zisk4j.cluster.auth.Caller.current().mayAccessJobOf(owner.get())) {
        ended = true;
        out.onError(Status.PERMISSION_DENIED.withDescription("job " + id + " belongs to another client")
            .asRuntimeException());
        return false;
      }
      if (!expected.remove(id)) {
        ended = true;
        out.onError(store.get(id).isEmpty() ? ApiErrors.JOB_NOT_FOUND.exception("no job " + id)
            : ApiErrors.INVALID_JOB_STATE.exception("job " + id
                + " takes no pushed input (its stream_uri is not grpc://push), or it was pushed already"));
        return false;
      }
      jobId = id;
      return true;
    }

    @Override
    public void onError(Throwable t) {
      if (!ended && jobId != null) {
        ended = true;
        String why = "the push was aborted by the client at offset " + total + ": " + Status.fromThrowable(t).getCode();
        dispatcher.post(() -> dispatcher.inputFailed(jobId, why));
      }
    }

    @Override
    public void onCompleted() {
      if (ended) {
        return;
      }
      if (jobId == null) {
        ended = true;
        out.onError(Status.INVALID_ARGUMENT.withDescription("the push carried no request, so no job_id")
            .asRuntimeException());
        return;
      }
      byte[] input = bytes.toByteArray();
      try {
        checkFraming(input);
      } catch (InputFormatException e) {
        refuse(Status.INVALID_ARGUMENT.withDescription("pushed input of job " + jobId + ": " + e.getMessage())
            .asRuntimeException());
        return;
      }
      ended = true;
      String refused;
      try {
        refused = dispatcher.call(() -> dispatcher.inputArrived(jobId, input)).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        out.onError(ApiErrors.CLUSTER_UNAVAILABLE.exception("the scheduler did not answer"));
        return;
      }
      if (refused != null) {
        out.onError(ApiErrors.INVALID_JOB_STATE.exception(refused));
        return;
      }
      out.onNext(Empty.getDefaultInstance());
      out.onCompleted();
    }

    private void refuse(StatusRuntimeException e) {
      ended = true;
      String why = e.getStatus().getDescription();
      dispatcher.post(() -> dispatcher.inputFailed(jobId, why));
      out.onError(e);
    }
  }

  /** Reads the input as a prover would, through the strict reader; throws at the first framing fault. */
  private static void checkFraming(byte[] input) throws InputFormatException {
    long[] words = new long[4096];
    try (InputReader r = InputReader.of(input)) {
      while (r.readRecordWords(words, 0, words.length) >= 0) {
        // framing is checked as the words pass
      }
    } catch (InputFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory input does not fail to read", e);
    }
  }
}
