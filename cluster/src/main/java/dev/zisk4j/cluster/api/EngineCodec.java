package dev.zisk4j.cluster.api;

import com.google.protobuf.ByteString;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.MalformedProofException;
import dev.zisk4j.engine.segment.SegmentCommitment;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;

/**
 * The one place engine objects cross the wire (cluster.md §1.3): every engine field is {@code bytes}
 * in the engine's own serialisation, parsed strictly here. Each decoder names the field that failed.
 */
public final class EngineCodec {
  private EngineCodec() {}

  /** @throws MalformedMessageException if the bytes are not a JZKP program image */
  public static ProgramImage program(ByteString b, String field) throws MalformedMessageException {
    try {
      return ProgramImage.decode(b.toByteArray());
    } catch (MalformedImageException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not a program image: " + e.getMessage(), e);
    }
  }

  /** @throws MalformedMessageException if the bytes are not an 8-byte engine Config */
  public static VmConfig config(ByteString b, String field) throws MalformedMessageException {
    try {
      return VmConfig.decode(b.toByteArray());
    } catch (MalformedProofException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not an engine config: " + e.getMessage(), e);
    }
  }

  /** @throws MalformedMessageException if the bytes are not a checkpoint for a RAM of {@code memoryWords} */
  public static Checkpoint checkpoint(ByteString b, int memoryWords, String field) throws MalformedMessageException {
    try {
      return Checkpoint.decode(b.toByteArray(), memoryWords);
    } catch (MalformedProofException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not a checkpoint: " + e.getMessage(), e);
    }
  }

  /** @throws MalformedMessageException if the bytes are not global challenges */
  public static GlobalChallenges challenges(ByteString b, String field) throws MalformedMessageException {
    try {
      return GlobalChallenges.decode(b.toByteArray());
    } catch (MalformedProofException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not global challenges: " + e.getMessage(), e);
    }
  }

  /** @throws MalformedMessageException if the bytes are not a segment commitment (index and SegPublic) */
  public static SegmentCommitment commitment(ByteString b, String field) throws MalformedMessageException {
    try {
      return SegmentCommitment.decode(b.toByteArray());
    } catch (MalformedProofException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not a segment commitment: " + e.getMessage(), e);
    }
  }

  /** @throws MalformedMessageException if the bytes are not a JZKS segment proof */
  public static SegmentProof proof(ByteString b, String field) throws MalformedMessageException {
    try {
      return SegmentProof.decode(b.toByteArray());
    } catch (MalformedProofException | RuntimeException e) {
      throw new MalformedMessageException(field + ": not a segment proof: " + e.getMessage(), e);
    }
  }

  public static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
