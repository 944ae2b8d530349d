package dev.zisk4j.proverservice.guest;

import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse.ResultExecute;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.ZkCounters;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.sdk.ExecuteResult;
import dev.zisk4j.sdk.JobHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Execute: runs the guest on a request without proving, and reports the new state root, the tree
 * nodes written ({@code diff_keys_values}), counters and logs, with {@code result} set (the
 * reference leaves it unset). The report comes from the native {@link StateTransition}; the guest's
 * root must agree with it. Counters: {@code hash_poseidon} = Poseidon permutations; ecrecover,
 * keccak and arith are 0 (this rollup uses none).
 */
public final class Execution {
  private final InputValidator validator;
  private final ProvingBackend backend;
  private final Optional<StateTransition> twin;

  public Execution(InputValidator validator, ProvingBackend backend, Optional<StateTransition> twin) {
    this.validator = validator;
    this.backend = backend;
    this.twin = twin;
  }

  /** Blocks until the guest halts; {@code stop} completing cancels the run (the response is then CANCEL). */
  public ExecuteResponse execute(InputProver input, CompletableFuture<Void> stop) {
    CheckedInput in;
    ZiskStdin tape;
    try {
      in = validator.check(input);
      tape = GuestInput.tape(in);
    } catch (InputRejectedException e) {
      return ExecuteResponse.newBuilder().setResult(ResultExecute.RESULT_EXECUTE_ERROR).addLogs(e.getMessage()).build();
    }
    JobHandle<ExecuteResult> h = backend.execute(tape);
    stop.thenRun(h::cancel);
    ExecuteResult run;
    try {
      run = h.get();
    } catch (CancellationException e) {
      return ExecuteResponse.newBuilder().setResult(ResultExecute.RESULT_EXECUTE_CANCEL).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      h.cancel();
      return ExecuteResponse.newBuilder().setResult(ResultExecute.RESULT_EXECUTE_CANCEL).build();
    } catch (ExecutionException e) {
      return ExecuteResponse.newBuilder().setResult(ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR)
          .addLogs("guest failed: " + e.getCause().getMessage()).build();
    }
    ExecuteResponse.Builder r = ExecuteResponse.newBuilder();
    Optional<byte[]> guestRoot = StatementCheck.provenRoot(run.outputs());
    if (guestRoot.isEmpty()) {
      return r.setResult(ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR)
          .addLogs("the guest's outputs do not hold a new state root (4 field elements): outputs="
              + run.outputs().length).build();
    }
    r.setNewStateRoot(Hex.prefixed(guestRoot.get()));
    if (twin.isEmpty()) {
      return r.setResult(ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR)
          .addLogs("diff_keys_values, counters and transfer logs need the native rollup twin over the zkEVM "
              + "sparse Merkle tree (engine.smt, issue 9), which is not built yet; new_state_root is the guest's")
          .build();
    }
    StateTransition.Report rep;
    try {
      rep = twin.get().apply(in);
    } catch (InputRejectedException e) {
      return r.setResult(ResultExecute.RESULT_EXECUTE_ERROR).addLogs(e.getMessage()).build();
    }
    r.putAllDiffKeysValues(rep.diff()).addAllLogs(rep.logs())
        .setCounters(ZkCounters.newBuilder().setHashPoseidon((int) Math.min(Integer.MAX_VALUE, rep.poseidonPermutations())));
    if (!Arrays.equals(rep.newRoot(), guestRoot.get())) {
      return r.setResult(ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR)
          .addLogs("the guest and the native transition disagree: guest " + Hex.prefixed(guestRoot.get())
              + ", native " + Hex.prefixed(rep.newRoot())).build();
    }
    if (in.claimedNewStateRoot().isPresent() && !Arrays.equals(in.claimedNewStateRoot().get(), rep.newRoot())) {
      return r.setResult(ResultExecute.RESULT_EXECUTE_COMPLETED_ERR)
          .addLogs("new_state_root differs: claimed " + Hex.prefixed(in.claimedNewStateRoot().get()) + ", computed "
              + Hex.prefixed(rep.newRoot())).build();
    }
    return r.setResult(ResultExecute.RESULT_EXECUTE_COMPLETED_OK).build();
  }
}
