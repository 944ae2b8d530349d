package dev.zisk4j.proverservice.guest;

import com.google.protobuf.ByteString;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.Proof;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proto.zkprover.v1.PublicInputsExtended;
import dev.zisk4j.proto.zkprover.v1.StarkProof;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputHash;
import dev.zisk4j.proverservice.input.NodeHash;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.VerifyResult;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a finished proof states, and whether it holds: the bundle must verify (with the backend's
 * security floor) and the new state root it proves (the guest's outputs 0..3, BATCH.md) must equal
 * the {@code new_state_root} the request claimed; an empty claim is filled with the proven root.
 * Builds the final {@code GetProofResponse}. Stateless.
 */
public final class StatementCheck {
  /** Guest outputs 0..3 are the new state root. */
  public static final int ROOT_OUTPUTS = 4;

  private StatementCheck() {}

  /** The proven new state root, or empty when the outputs do not hold four canonical elements. */
  public static Optional<byte[]> provenRoot(long[] outputs) {
    if (outputs.length < ROOT_OUTPUTS) {
      return Optional.empty();
    }
    long[] f = Arrays.copyOf(outputs, ROOT_OUTPUTS);
    for (long v : f) {
      if (Long.compareUnsigned(v, Goldilocks.P) >= 0) {
        return Optional.empty();
      }
    }
    return Optional.of(NodeHash.toBytes(f));
  }

  /**
   * The final response for request {@code id}: COMPLETED_OK with proof and public inputs, or
   * COMPLETED_ERROR naming what failed (the proof is still attached for inspection).
   */
  public static GetProofResponse judge(String id, CheckedInput in, String imageIdHex, ProveResult proved,
      VerifyResult verdict) {
    byte[] guestInput = proved.proof().publicInput();
    StarkProof.Builder stark = StarkProof.newBuilder()
        .setBundle(ByteString.copyFrom(proved.proof().bytes()))
        .setImageId(imageIdHex)
        .setGuestInput(ByteString.copyFrom(guestInput == null ? new byte[0] : guestInput));
    for (long o : proved.outputs()) {
      stark.addOutputs(o);
    }
    PublicInputs claimed = in.request().getPublicInputs();
    PublicInputs.Builder pub = claimed.toBuilder();
    if (claimed.getBatchHashData().isEmpty()) {
      pub.setBatchHashData(Hex.prefixed(in.batchHashData()));
    }
    Optional<byte[]> proven = provenRoot(proved.outputs());
    String problem = null;
    if (!verdict.valid()) {
      problem = "the bundle does not verify: " + verdict.reason().orElse("rejected");
    } else if (proven.isEmpty()) {
      problem = "the guest's outputs do not hold a new state root (4 field elements): outputs="
          + proved.outputs().length;
    } else if (in.claimedNewStateRoot().isPresent() && !Arrays.equals(in.claimedNewStateRoot().get(), proven.get())) {
      problem = "new_state_root differs: claimed " + Hex.prefixed(in.claimedNewStateRoot().get()) + ", proven "
          + Hex.prefixed(proven.get());
    }
    if (problem == null && in.claimedNewStateRoot().isEmpty()) {
      pub.setNewStateRoot(Hex.prefixed(proven.get()));
    }
    PublicInputs p = pub.build();
    return GetProofResponse.newBuilder()
        .setId(id)
        .setProof(Proof.newBuilder().setStark(stark))
        .setPublic(PublicInputsExtended.newBuilder().setPublicInputs(p).setInputHash(InputHash.of(p)))
        .setResult(problem == null ? ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK
            : ResultGetProof.RESULT_GET_PROOF_COMPLETED_ERROR)
        .setResultString(problem == null ? "completed" : problem)
        .build();
  }

  /** A final response without a proof (INTERNAL_ERROR, CANCEL). */
  public static GetProofResponse bare(String id, ResultGetProof result, String text) {
    return GetProofResponse.newBuilder().setId(id).setResult(result).setResultString(text).build();
  }
}
