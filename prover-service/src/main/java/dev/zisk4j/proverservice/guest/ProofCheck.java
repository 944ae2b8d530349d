package dev.zisk4j.proverservice.guest;

import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proto.zkprover.v1.StarkProof;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputHash;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.sdk.Proof;
import dev.zisk4j.sdk.VerifyResult;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Checks a saved {@code GetProofResponse} against the request it answers, without trusting the
 * server: the guest is the one named, its input tape is exactly the one this request gives, the
 * bundle verifies (with the backend's security floor), the proven outputs are the ones reported,
 * and the public inputs (new root, batch hash data, input hash) follow from them.
 */
public final class ProofCheck {
  /** What a valid proof states. */
  public record Statement(String oldStateRoot, String newStateRoot, int transfers, String batchHashData,
      String inputHash) {
    @Override
    public String toString() {
      return "applying the batch of " + transfers + " transfer(s) (batch_hash_data " + batchHashData + ") to state "
          + oldStateRoot + " gives state " + newStateRoot + "; input_hash " + inputHash;
    }
  }

  private ProofCheck() {}

  /**
   * @return the statement when everything holds
   * @throws InputRejectedException naming the first thing that does not hold
   */
  public static Statement check(GetProofResponse saved, dev.zisk4j.proto.zkprover.v1.InputProver request,
      InputValidator validator, ProvingBackend backend) throws InputRejectedException, InterruptedException {
    CheckedInput in = validator.check(request);
    if (!saved.getProof().hasStark()) {
      throw new InputRejectedException("the response holds no STARK proof (Proof.stark)");
    }
    StarkProof stark = saved.getProof().getStark();
    if (!stark.getImageId().equals(backend.guest().imageIdHex())) {
      throw new InputRejectedException("the proof is of guest " + stark.getImageId() + ", not of "
          + backend.guest().imageIdHex() + " (" + backend.guest().name() + ")");
    }
    byte[] tape = GuestInput.encode(in);
    if (!Arrays.equals(tape, stark.getGuestInput().toByteArray())) {
      throw new InputRejectedException("the proof's guest input is not this request's (" + stark.getGuestInput().size()
          + " bytes, expected " + tape.length + ")");
    }
    VerifyResult v;
    try {
      v = backend.verify(Proof.of(backend.guest(), stark.getBundle().toByteArray(), tape)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("verifier failed: " + e.getCause().getMessage(), e.getCause());
    }
    if (!v.valid()) {
      throw new InputRejectedException("the bundle does not verify: " + v.reason().orElse("rejected"));
    }
    long[] reported = stark.getOutputsList().stream().mapToLong(Long::longValue).toArray();
    if (!Arrays.equals(v.outputs(), reported)) {
      throw new InputRejectedException("the reported outputs are not the proven ones");
    }
    Optional<byte[]> root = StatementCheck.provenRoot(v.outputs());
    if (root.isEmpty()) {
      throw new InputRejectedException("the proven outputs hold no new state root");
    }
    PublicInputs pub = saved.getPublic().getPublicInputs();
    String newRoot = Hex.prefixed(root.get());
    if (in.claimedNewStateRoot().isPresent() && !Arrays.equals(in.claimedNewStateRoot().get(), root.get())) {
      throw new InputRejectedException("the request claims new_state_root " + Hex.prefixed(in.claimedNewStateRoot().get())
          + " but the proof gives " + newRoot);
    }
    if (!Arrays.equals(Hex.fixed("public.new_state_root", pub.getNewStateRoot(), 32), root.get())) {
      throw new InputRejectedException("public.new_state_root " + pub.getNewStateRoot() + " is not the proven " + newRoot);
    }
    String bhd = Hex.prefixed(in.batchHashData());
    if (!Arrays.equals(Hex.fixed("public.batch_hash_data", pub.getBatchHashData(), 32), in.batchHashData())) {
      throw new InputRejectedException("public.batch_hash_data " + pub.getBatchHashData() + " is not the batch's " + bhd);
    }
    PublicInputs expected = request.getPublicInputs().toBuilder()
        .setNewStateRoot(request.getPublicInputs().getNewStateRoot().isEmpty() ? newRoot
            : request.getPublicInputs().getNewStateRoot())
        .setBatchHashData(request.getPublicInputs().getBatchHashData().isEmpty() ? bhd
            : request.getPublicInputs().getBatchHashData())
        .build();
    if (!expected.equals(pub)) {
      throw new InputRejectedException("the response's public inputs are not the request's");
    }
    String hash = InputHash.of(pub);
    if (!hash.equals(saved.getPublic().getInputHash())) {
      throw new InputRejectedException("input_hash " + saved.getPublic().getInputHash() + " is not " + hash);
    }
    return new Statement(request.getPublicInputs().getOldStateRoot(), newRoot, in.batch().transfers().size(), bhd, hash);
  }
}
