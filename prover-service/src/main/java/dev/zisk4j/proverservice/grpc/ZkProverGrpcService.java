package dev.zisk4j.proverservice.grpc;

import com.google.protobuf.ByteString;
import dev.zisk4j.proto.zkprover.v1.CancelRequest;
import dev.zisk4j.proto.zkprover.v1.CancelResponse;
import dev.zisk4j.proto.zkprover.v1.CancelResponse.ResultCancel;
import dev.zisk4j.proto.zkprover.v1.ExecuteRequest;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.GenProofRequest;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse.ResultGenProof;
import dev.zisk4j.proto.zkprover.v1.GetProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetStatusRequest;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse.StatusProver;
import dev.zisk4j.proto.zkprover.v1.Log;
import dev.zisk4j.proto.zkprover.v1.Receipt;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalRequest;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalResponse;
import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proverservice.guest.Execution;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.queue.ProofScheduler;
import dev.zisk4j.proverservice.queue.ServerState;
import dev.zisk4j.proverservice.store.StoreException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zkprover.v1.ZKProverService} as documented (spec §2.2, §2.3, §7), where the reference is
 * not: bad input is answered in-band (RESULT_GEN_PROOF_ERROR, with the reason in the
 * {@link ErrorDetail} trailer), every result has the id, Cancel really cancels, GetProof honours
 * {@code timeout}, GetStatus reports BOOTING and HALT.
 */
public final class ZkProverGrpcService extends ZKProverServiceGrpc.ZKProverServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(ZkProverGrpcService.class);
  public static final String VERSION_PROTO = "v0_0_1";
  public static final String VERSION_SERVER = "0.0.1";

  private final ProofScheduler scheduler;
  private final Execution execution;
  private final Executor executor;
  private final long maxTimeoutSeconds;
  private final int maxUnansweredPerStream;
  private final int maxBatchBytes;
  private final MeterRegistry meters;

  public ZkProverGrpcService(ProofScheduler scheduler, Execution execution, Executor executor, long maxTimeoutSeconds,
      int maxUnansweredPerStream, int maxBatchBytes, MeterRegistry meters) {
    this.scheduler = scheduler;
    this.execution = execution;
    this.executor = executor;
    this.maxTimeoutSeconds = maxTimeoutSeconds;
    this.maxUnansweredPerStream = maxUnansweredPerStream;
    this.maxBatchBytes = maxBatchBytes;
    this.meters = meters;
  }

  @Override
  public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> out) {
    ServerState s = scheduler.status();
    GetStatusResponse.Builder b = GetStatusResponse.newBuilder()
        .setState(switch (s.phase()) {
          case BOOTING -> StatusProver.STATUS_PROVER_BOOTING;
          case COMPUTING -> StatusProver.STATUS_PROVER_COMPUTING;
          case IDLE -> StatusProver.STATUS_PROVER_IDLE;
          case HALT -> StatusProver.STATUS_PROVER_HALT;
        })
        .setVersionProto(VERSION_PROTO)
        .setVersionServer(VERSION_SERVER)
        .addAllPendingRequestQueueIds(s.pending());
    s.current().ifPresent(c -> b.setCurrentComputingRequestId(c.id()).setCurrentComputingStartTime(c.epochSeconds()));
    s.last().ifPresent(l -> b.setLastComputedRequestId(l.id()).setLastComputedEndTime(l.epochSeconds()));
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void genProof(GenProofRequest request, StreamObserver<GenProofResponse> out) {
    GenProofResponse.Builder r = GenProofResponse.newBuilder();
    if (!request.hasInput()) {
      reject(r, "input is missing");
    } else {
      try {
        r.setId(scheduler.submit(request.getInput())).setResult(ResultGenProof.RESULT_GEN_PROOF_OK);
      } catch (InputRejectedException e) {
        reject(r, e.getMessage());
      } catch (IllegalStateException | StoreException e) {
        log.warn("GenProof not queued: {}", e.getMessage());
        ErrorDetail.set(e.getMessage());
        r.setResult(ResultGenProof.RESULT_GEN_PROOF_INTERNAL_ERROR);
      }
    }
    meters.counter("zkprover_gen_proof_total", "result", r.getResult().name()).increment();
    out.onNext(r.build());
    out.onCompleted();
  }

  private static void reject(GenProofResponse.Builder r, String why) {
    log.info("GenProof rejected: {}", why);
    ErrorDetail.set(why);
    r.setResult(ResultGenProof.RESULT_GEN_PROOF_ERROR);
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> out) {
    String id = request.getId();
    boolean ok = false;
    if (id.isEmpty() || id.length() > GetProofStream.MAX_ID_CHARS) {
      ErrorDetail.set("invalid UUID");
    } else {
      try {
        ok = scheduler.cancel(id);
        if (!ok) {
          ErrorDetail.set("not cancellable: unknown or already finished: id=" + id);
        }
      } catch (StoreException e) {
        ErrorDetail.set(e.getMessage());
      }
    }
    out.onNext(CancelResponse.newBuilder()
        .setResult(ok ? ResultCancel.RESULT_CANCEL_OK : ResultCancel.RESULT_CANCEL_ERROR).build());
    out.onCompleted();
  }

  @Override
  public StreamObserver<GetProofRequest> getProof(StreamObserver<GetProofResponse> out) {
    return new GetProofStream(scheduler, executor, (ServerCallStreamObserver<GetProofResponse>) out, maxTimeoutSeconds,
        maxUnansweredPerStream);
  }

  @Override
  public StreamObserver<ExecuteRequest> execute(StreamObserver<ExecuteResponse> out) {
    return new ExecuteStream(execution, executor, (ServerCallStreamObserver<ExecuteResponse>) out);
  }

  /**
   * As the reference (spec errata): one empty Receipt holding one empty Log. The request's sizes
   * are still checked (there is no in-band error, so an oversized request is INVALID_ARGUMENT).
   */
  @Override
  public void synchronizeBatchProposal(SynchronizeBatchProposalRequest request,
      StreamObserver<SynchronizeBatchProposalResponse> out) {
    ByteString data = request.getBatchL2Data();
    if (data.size() > maxBatchBytes || request.getStateRoot().size() > 32) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("batch_l2_data holds " + data.size() + " bytes (max "
          + maxBatchBytes + "), state_root " + request.getStateRoot().size() + " bytes (max 32)").asRuntimeException());
      return;
    }
    out.onNext(SynchronizeBatchProposalResponse.newBuilder()
        .addReceipts(Receipt.newBuilder().addLogs(Log.getDefaultInstance())).build());
    out.onCompleted();
  }
}
