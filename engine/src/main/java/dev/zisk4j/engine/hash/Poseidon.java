package dev.zisk4j.engine.hash;

import dev.zisk4j.engine.field.Goldilocks;

/**
 * The zkEVM's Goldilocks Poseidon permutation (Polygon Hermez): width 12 (rate 8, capacity 4), 8 full rounds
 * (4 before and 4 after) and 22 partial rounds, S-box x^7, the published round constants and MDS matrix
 * ({@link PoseidonConstants}). Each round r adds the 12 constants of round r, applies the S-box to every element
 * (full round) or to element 0 only (partial round), then multiplies by the MDS matrix.
 *
 * <p>The zkEVM's hash {@code poseidon(inputs[8], capacity[4])} is the permutation of the state
 * (inputs ‖ capacity), keeping the first four elements: {@link #hash(long[], long[], long[])}.
 *
 * <p>An instance holds its scratch buffers, so {@link #permute} and {@link #hash(long[], long[], long[])} allocate nothing; it is not
 * thread-safe (use one instance per thread). Inputs must be canonical field elements; the result is canonical.
 */
public final class Poseidon {
    public static final int WIDTH = 12;
    public static final int RATE = 8;
    public static final int CAPACITY = 4;
    /** Elements of a hash output (the first four of the permuted state). */
    public static final int OUTPUT = 4;
    public static final int FULL_ROUNDS = 8;
    public static final int PARTIAL_ROUNDS = 22;
    public static final int ROUNDS = FULL_ROUNDS + PARTIAL_ROUNDS;
    /** The S-box exponent. */
    public static final int ALPHA = 7;

    /** The state twice over, so row i of the circulant reads scratch[i..i+12) without a modulo. */
    private final long[] scratch = new long[2 * WIDTH];
    /** The state of {@link #hash(long[], long[], long[])}. */
    private final long[] hashState = new long[WIDTH];

    /** True for rounds 0..3 and 26..29. */
    public static boolean isFullRound(int round) {
        return round < FULL_ROUNDS / 2 || round >= FULL_ROUNDS / 2 + PARTIAL_ROUNDS;
    }

    /** Round constant i (0..11) of round r (0..29). */
    public static long roundConstant(int round, int i) {
        return PoseidonConstants.ROUND_CONSTANTS[round * WIDTH + i];
    }

    /** Entry (i, j) of the MDS matrix: MDS_CIRC[(j − i) mod 12] plus the diagonal term. */
    public static long mdsEntry(int i, int j) {
        long e = PoseidonConstants.MDS_CIRC[(j - i + WIDTH) % WIDTH];
        return i == j ? e + PoseidonConstants.MDS_DIAG[i] : e;
    }

    /** x^7 with four multiplications (x², x³ = x²·x, x⁴ = x²·x², x⁷ = x³·x⁴). */
    public static long sbox(long x) {
        long x2 = Goldilocks.mul(x, x);
        long x3 = Goldilocks.mul(x2, x);
        long x4 = Goldilocks.mul(x2, x2);
        return Goldilocks.mul(x3, x4);
    }

    /** Permutes state[off..off+12) in place. */
    public void permute(long[] state, int off) {
        for (int r = 0; r < ROUNDS; r++) {
            int c = r * WIDTH;
            if (isFullRound(r)) {
                for (int i = 0; i < WIDTH; i++) {
                    state[off + i] = sbox(Goldilocks.add(state[off + i], PoseidonConstants.ROUND_CONSTANTS[c + i]));
                }
            } else {
                state[off] = sbox(Goldilocks.add(state[off], PoseidonConstants.ROUND_CONSTANTS[c]));
                for (int i = 1; i < WIDTH; i++) {
                    state[off + i] = Goldilocks.add(state[off + i], PoseidonConstants.ROUND_CONSTANTS[c + i]);
                }
            }
            mds(state, off);
        }
    }

    /** Permutes state[0..12) in place. */
    public void permute(long[] state) {
        permute(state, 0);
    }

    /**
     * The zkEVM hash: out[0..4) = first four elements of the permutation of (in[0..8) ‖ capacity[0..4)).
     * {@code out} may be {@code in} or {@code capacity}.
     */
    public void hash(long[] in, long[] capacity, long[] out) {
        long[] s = hashState;
        System.arraycopy(in, 0, s, 0, RATE);
        System.arraycopy(capacity, 0, s, RATE, CAPACITY);
        permute(s, 0);
        System.arraycopy(s, 0, out, 0, OUTPUT);
    }

    /** Allocating convenience for cold code: a new array with the hash of (in ‖ capacity). */
    public static long[] hash(long[] in, long[] capacity) {
        long[] out = new long[OUTPUT];
        new Poseidon().hash(in, capacity, out);
        return out;
    }

    /** Allocating convenience for cold code: the permutation of a copy of {@code state}. */
    public static long[] permutation(long[] state) {
        if (state.length != WIDTH) {
            throw new IllegalArgumentException("Poseidon state must have 12 elements: length=" + state.length);
        }
        long[] s = state.clone();
        new Poseidon().permute(s, 0);
        return s;
    }

    /**
     * state[off..off+12) ← M · state[off..off+12), in place.
     *
     * <p>Every entry of M is below 2^6, so each input v = hi·2^32 + lo is split into 32-bit halves and the twelve
     * products of a row are summed without reduction: Σ m·lo and Σ m·hi are each below 12·41·2^32 &lt; 2^41. The row
     * value is hiSum·2^32 + loSum &lt; 2^74, assembled as a 128-bit (hi, lo) pair and reduced once.
     */
    void mds(long[] state, int off) {
        long[] s = scratch;
        System.arraycopy(state, off, s, 0, WIDTH);
        System.arraycopy(state, off, s, WIDTH, WIDTH);
        long[] circ = PoseidonConstants.MDS_CIRC;
        for (int i = 0; i < WIDTH; i++) {
            long loSum = 0;
            long hiSum = 0;
            for (int k = 0; k < WIDTH; k++) {
                long v = s[i + k];
                loSum += circ[k] * (v & 0xFFFF_FFFFL);
                hiSum += circ[k] * (v >>> 32);
            }
            if (i == 0) {
                long v = s[0];
                loSum += PoseidonConstants.MDS_DIAG[0] * (v & 0xFFFF_FFFFL);
                hiSum += PoseidonConstants.MDS_DIAG[0] * (v >>> 32);
            }
            long lo = loSum + (hiSum << 32);
            long carry = Long.compareUnsigned(lo, loSum) < 0 ? 1 : 0;
            state[off + i] = Goldilocks.reduce128((hiSum >>> 32) + carry, lo);
        }
    }
}
