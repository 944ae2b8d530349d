package dev.zisk4j.proverservice.store;

import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;

/**
 * The lifecycle of a proof request: QUEUED → RUNNING → one final state. A final state never
 * changes; a restart turns RUNNING back into QUEUED (the proof is redone).
 */
public enum RequestState {
  QUEUED(ResultGetProof.RESULT_GET_PROOF_PENDING),
  RUNNING(ResultGetProof.RESULT_GET_PROOF_PENDING),
  /** Proven, the bundle verifies and the statement holds. */
  COMPLETED_OK(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK),
  /** Proven, but the bundle does not verify or the proven root differs from the claim. */
  COMPLETED_ERROR(ResultGetProof.RESULT_GET_PROOF_COMPLETED_ERROR),
  /** The prover failed (guest fault, engine error). */
  INTERNAL_ERROR(ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR),
  CANCEL(ResultGetProof.RESULT_GET_PROOF_CANCEL);

  private final ResultGetProof result;

  RequestState(ResultGetProof result) {
    this.result = result;
  }

  /** What GetProof answers in this state. */
  public ResultGetProof result() {
    return result;
  }

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }
}
