package dev.zisk4j.engine.transcript;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Fiat–Shamir transcript of design §1.5, over SHA-256 with a 32-byte state s:
 * <pre>
 *   s0          = SHA256("JZKVM/v1/" ‖ label)
 *   absorb      : s = SHA256(s ‖ 0x01 ‖ u8 tag ‖ u32 LE len ‖ bytes)
 *   squeeze     : s = SHA256(s ‖ 0x02); output s
 *   base elem   : u64 LE of the first 8 bytes of a squeeze; rejected and re-squeezed while ≥ p
 *   ext elem    : d base elements (c0, c1[, c2]), d the extension degree
 *   index k bits: u64 LE of a fresh squeeze, masked to k bits
 *   PoW         : nonce with SHA256(s ‖ 0x03 ‖ u64 LE nonce) having ≥ bits leading zero bits
 *                 (big-endian bit order: byte 0's most significant bit first), then absorb(POW_NONCE, nonce)
 * </pre>
 * Labels in use: {@link #LABEL_STARK}, {@link #LABEL_GLOBAL}, {@link #LABEL_SEGMENT}. Not thread-safe.
 */
public final class Transcript {
    public static final String PREFIX = "JZKVM/v1/";
    /** Single-call STARK proofs of any AIR. */
    public static final String LABEL_STARK = "stark";
    /** The VM's global transcript over all segments. */
    public static final String LABEL_GLOBAL = "global";
    /** A VM segment's transcript, seeded from the global one. */
    public static final String LABEL_SEGMENT = "segment";

    private static final byte ABSORB = 0x01;
    private static final byte SQUEEZE = 0x02;
    private static final byte POW = 0x03;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final Sha256 sha = new Sha256();
    private byte[] state;

    private Transcript(byte[] state) {
        this.state = state;
    }

    public static Transcript create(String label) {
        Transcript t = new Transcript(null);
        t.state = t.sha.digest((PREFIX + label).getBytes(StandardCharsets.UTF_8));
        return t;
    }

    /** An independent copy with the same state. */
    public Transcript fork() {
        return new Transcript(state.clone());
    }

    public byte[] state() {
        return state.clone();
    }

    public void absorb(TranscriptTag tag, byte[] data) {
        byte[] hdr = new byte[5];
        hdr[0] = (byte) tag.code();
        LE_INT.set(hdr, 1, data.length);
        sha.update(state, 0, state.length).update(ABSORB).update(hdr, 0, 5).update(data, 0, data.length);
        state = sha.finish();
    }

    /** Absorbs field elements (or any u64s) as LE u64s. */
    public void absorbLongs(TranscriptTag tag, long... values) {
        byte[] b = new byte[8 * values.length];
        for (int i = 0; i < values.length; i++) {
            LE_LONG.set(b, 8 * i, values[i]);
        }
        absorb(tag, b);
    }

    public byte[] squeeze() {
        sha.update(state, 0, state.length).update(SQUEEZE);
        state = sha.finish();
        return state.clone();
    }

    public long squeezeBase() {
        while (true) {
            long v = (long) LE_LONG.get(squeeze(), 0);
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }

    /** An element of {@code field}: its d components squeezed in order. */
    public Ext squeezeExt(ExtField field) {
        long c0 = squeezeBase();
        long c1 = squeezeBase();
        long c2 = field.degree() == 3 ? squeezeBase() : 0;
        return new Ext(field, c0, c1, c2);
    }

    /** An index in [0, 2^bits). */
    public int squeezeIndex(int bits) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("index bits out of range: bits=" + bits);
        }
        long v = (long) LE_LONG.get(squeeze(), 0);
        return (int) (v & ((1L << bits) - 1));
    }

    /** True if this nonce meets the proof-of-work target on the current state (does not absorb it). */
    public boolean checkPow(int bits, long nonce) {
        return leadingZeroBits(powHash(new Sha256(), state, nonce)) >= bits;
    }

    /** Finds the smallest nonce meeting the target (does not absorb it). Expected 2^bits hashes. */
    public long grind(int bits) {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("grinding bits out of range: bits=" + bits);
        }
        Sha256 h = new Sha256();
        for (long nonce = 0; ; nonce++) {
            if (leadingZeroBits(powHash(h, state, nonce)) >= bits) {
                return nonce;
            }
        }
    }

    private static byte[] powHash(Sha256 h, byte[] state, long nonce) {
        byte[] n = new byte[8];
        LE_LONG.set(n, 0, nonce);
        return h.update(state, 0, state.length).update(POW).update(n, 0, 8).finish();
    }

    static int leadingZeroBits(byte[] d) {
        int bits = 0;
        for (byte b : d) {
            if (b == 0) {
                bits += 8;
            } else {
                return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
            }
        }
        return bits;
    }

    @Override
    public String toString() {
        return "Transcript" + Arrays.toString(state);
    }
}
