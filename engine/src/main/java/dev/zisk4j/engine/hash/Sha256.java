package dev.zisk4j.engine.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with the engine's domain separation (design §1.4): leaf = SHA256(0x00 ‖ LE u64 elements),
 * node = SHA256(0x01 ‖ left ‖ right). Holds one {@link MessageDigest} and a scratch buffer, so it allocates
 * nothing per hash; not thread-safe: use one instance per thread.
 */
public final class Sha256 {
    public static final int DIGEST_BYTES = 32;
    /** Hash identifier written in proof configs. */
    public static final int HASH_ID = 1;
    public static final byte LEAF_PREFIX = 0x00;
    public static final byte NODE_PREFIX = 0x01;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MessageDigest md;
    private byte[] scratch = new byte[1 + 8 * 128];

    public Sha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** Hashes 0x00 ‖ elems[0..len) as LE u64 into out[outOff..outOff+32). */
    public void leaf(long[] elems, int len, byte[] out, int outOff) {
        leaf(elems, 0, len, out, outOff);
    }

    /** Hashes 0x00 ‖ elems[off..off+len) as LE u64 into out[outOff..outOff+32). */
    public void leaf(long[] elems, int off, int len, byte[] out, int outOff) {
        int bytes = 1 + 8 * len;
        if (scratch.length < bytes) {
            scratch = new byte[bytes];
        }
        scratch[0] = LEAF_PREFIX;
        for (int i = 0; i < len; i++) {
            LE_LONG.set(scratch, 1 + 8 * i, elems[off + i]);
        }
        md.update(scratch, 0, bytes);
        finish(out, outOff);
    }

    /** Hashes 0x01 ‖ src[left..left+32) ‖ src[right..right+32) into out[outOff..). */
    public void node(byte[] src, int left, int right, byte[] out, int outOff) {
        md.update(NODE_PREFIX);
        md.update(src, left, DIGEST_BYTES);
        md.update(src, right, DIGEST_BYTES);
        finish(out, outOff);
    }

    /** Hashes arbitrary bytes (transcript use). */
    public byte[] digest(byte[] data) {
        return md.digest(data);
    }

    /** Incremental form for callers that build a message in parts. */
    public Sha256 update(byte[] data, int off, int len) {
        md.update(data, off, len);
        return this;
    }

    public Sha256 update(byte b) {
        md.update(b);
        return this;
    }

    public void finish(byte[] out, int outOff) {
        try {
            md.digest(out, outOff, DIGEST_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("digest buffer too small: outOff=" + outOff + ", length=" + out.length, e);
        }
    }

    public byte[] finish() {
        return md.digest();
    }
}
