package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vmair.InputMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole run's proof (AGGREGATE's answer, engine.md §4.3): the statement, the global nonce, every
 * segment's public boundary and proof.
 *
 * <pre>
 *  "JZKB" | u16 version | Config (8 B) | digest imageId | digest vkRoot | digest inputDigest | u64 inputWords
 *  | u8 inputMode | u32 nOut | felt out[nOut] | u32 k | u64 globalNonce
 *  | k × SegPublic (192 B) | k × (u32 len | SegmentProof)
 * </pre>
 *
 * Version 3 (a program using POSEIDON, PRECOMPILES.md §6) appends {@code u32 nInst | nInst × (u32 len |
 * InstanceProof)}, nInst ≤ 2^16, and its segment proofs carry POS_SUM (SegmentProof v2). A bundle
 * without POSEIDON is written as version 2, byte for byte as before; a v2 bundle parses as zero instances.
 *
 * <p>The parser is strict: unknown version or mode, non-canonical felts, counts that do not fit the
 * remaining bytes, and trailing bytes are {@link MalformedProofException}s.
 */
public record Bundle(VmConfig config, Statement statement, long globalNonce, List<SegPublic> segPublics,
    List<SegmentProof> proofs, List<InstanceProof> instances) {
  public static final byte[] MAGIC = "JZKB".getBytes(StandardCharsets.US_ASCII);
  /** 2: programs carry their RAM size (image v2) and the global transcript binds the AIR digest. */
  public static final int VERSION = 2;
  /** Hard cap on k so a hostile count cannot make the parser allocate. */
  public static final int MAX_SEGMENTS = 1 << 16;
  /** The version with precompile instances. */
  public static final int VERSION_PRECOMPILES = 3;
  /** Hard cap on the instance count. */
  public static final int MAX_INSTANCES = 1 << 16;

  /** A bundle without precompile instances. */
  public Bundle(VmConfig config, Statement statement, long globalNonce, List<SegPublic> segPublics,
      List<SegmentProof> proofs) {
    this(config, statement, globalNonce, segPublics, proofs, List.of());
  }

  public Bundle {
    segPublics = List.copyOf(segPublics);
    proofs = List.copyOf(proofs);
    instances = List.copyOf(instances);
    if (segPublics.size() != proofs.size()) {
      throw new IllegalArgumentException("segment counts differ: segPublics=" + segPublics.size() + ", proofs=" + proofs.size());
    }
  }

  /** True if this bundle has the precompile parts (v3): instances, or segment proofs carrying POS_SUM. */
  public boolean hasPrecompiles() {
    return !instances.isEmpty() || proofs.stream().anyMatch(p -> p.posSum() != null);
  }

  public byte[] encode() {
    boolean v3 = hasPrecompiles();
    List<byte[]> instBytes = new ArrayList<>();
    int instSize = 0;
    if (v3) {
      instSize = 4;
      for (InstanceProof p : instances) {
        byte[] ib = p.encode();
        instBytes.add(ib);
        instSize += 4 + ib.length;
      }
    }
    List<byte[]> proofBytes = new ArrayList<>();
    int size = 4 + 2 + VmConfig.BYTES + 96 + 8 + 1 + 4 + 8 * statement.outputs().length + 4 + 8
        + SegPublic.BYTES * segPublics.size();
    for (SegmentProof p : proofs) {
      byte[] b = p.encode();
      proofBytes.add(b);
      size += 4 + b.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size + instSize).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) (v3 ? VERSION_PRECOMPILES : VERSION)).put(config.encode());
    b.put(statement.imageId()).put(statement.vkRoot()).put(statement.inputDigest());
    b.putLong(statement.inputWords()).put((byte) statement.inputMode().wire());
    long[] out = statement.outputs();
    b.putInt(out.length);
    for (long v : out) {
      b.putLong(v);
    }
    b.putInt(segPublics.size()).putLong(globalNonce);
    for (SegPublic p : segPublics) {
      p.write(b);
    }
    for (byte[] p : proofBytes) {
      b.putInt(p.length).put(p);
    }
    if (v3) {
      b.putInt(instBytes.size());
      for (byte[] p : instBytes) {
        b.putInt(p.length).put(p);
      }
    }
    return b.array();
  }

  /** @throws MalformedProofException naming the first problem */
  public static Bundle decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "Bundle");
    r.magic(MAGIC);
    int version = r.u16("version");
    if (version != VERSION && version != VERSION_PRECOMPILES) {
      throw new MalformedProofException("Bundle: unsupported version: version=" + version);
    }
    VmConfig config = VmConfig.read(r);
    byte[] imageId = r.bytes(32, "imageId");
    byte[] vkRoot = r.bytes(32, "vkRoot");
    byte[] inputDigest = r.bytes(32, "inputDigest");
    long inputWords = r.u64("inputWords");
    if (inputWords < 0) {
      throw new MalformedProofException("Bundle: inputWords out of range");
    }
    InputMode mode;
    try {
      mode = InputMode.ofWire(r.u8("inputMode"));
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException("Bundle: " + e.getMessage());
    }
    long nOut = r.u32("nOut");
    if (nOut * 8 > r.remaining()) {
      throw new MalformedProofException("Bundle: output count exceeds the bytes: nOut=" + nOut);
    }
    long[] out = new long[(int) nOut];
    for (int i = 0; i < nOut; i++) {
      out[i] = r.felt("out");
    }
    long k = r.u32("k");
    long nonce = r.u64("globalNonce");
    if (k == 0 || k > MAX_SEGMENTS || k * SegPublic.BYTES > r.remaining()) {
      throw new MalformedProofException("Bundle: bad segment count: k=" + k);
    }
    List<SegPublic> pubs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      pubs.add(SegPublic.read(r));
    }
    List<SegmentProof> proofs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      long len = r.u32("segment proof length");
      if (len > r.remaining()) {
        throw new MalformedProofException("Bundle: segment proof " + i + " truncated: len=" + len + ", remaining=" + r.remaining());
      }
      proofs.add(SegmentProof.decode(r.bytes((int) len, "segment proof")));
    }
    List<InstanceProof> instances = new ArrayList<>();
    if (version == VERSION_PRECOMPILES) {
      long n = r.u32("nInst");
      if (n > MAX_INSTANCES || n * 4 > r.remaining()) {
        throw new MalformedProofException("Bundle: bad instance count: nInst=" + n);
      }
      for (int i = 0; i < n; i++) {
        long len = r.u32("instance proof length");
        if (len > r.remaining()) {
          throw new MalformedProofException("Bundle: instance proof " + i + " truncated: len=" + len + ", remaining="
              + r.remaining());
        }
        instances.add(InstanceProof.decode(r.bytes((int) len, "instance proof"), config.proofOptions().extension()));
      }
      boolean anyPlain = proofs.stream().anyMatch(p -> p.posSum() == null);
      if (anyPlain) {
        throw new MalformedProofException("Bundle: a v3 bundle's segment proofs must all carry POS_SUM (SegmentProof v2)");
      }
    } else if (proofs.stream().anyMatch(p -> p.posSum() != null)) {
      throw new MalformedProofException("Bundle: a v2 bundle cannot hold segment proofs with POS_SUM");
    }
    r.finish();
    Statement st;
    try {
      st = new Statement(imageId, vkRoot, inputDigest, inputWords, mode, out);
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException("Bundle: " + e.getMessage());
    }
    return new Bundle(config, st, nonce, pubs, proofs, instances);
  }
}
