package dev.zisk4j.engine.smt;

import java.math.BigInteger;

/**
 * The zkEVM's state-tree keys for an Ethereum address (zkevm-commonjs {@code smt-utils}, zkevm-node
 * {@code merkletree/key.go}): key = H(addr₀..addr₄, 0, type, 0; capacity c), where addr₀..addr₄ are the
 * address's 32-bit limbs, least significant first, type is the leaf type below, and c is H(0⁸; 0) for every
 * type except storage, whose c is H(the 8 limbs of the storage slot; 0).
 *
 * <p>Not thread-safe (it holds a {@link SmtHashing}); use one per thread.
 */
public final class SmtKeys {
    /** Leaf types. */
    public static final int BALANCE = 0;
    public static final int NONCE = 1;
    public static final int SC_CODE = 2;
    public static final int SC_STORAGE = 3;
    public static final int SC_LENGTH = 4;

    private static final BigInteger ADDRESS_LIMIT = BigInteger.ONE.shiftLeft(160);
    private final SmtHashing hashing = new SmtHashing();
    private final Hash4 zeroCapacity;

    public SmtKeys() {
        zeroCapacity = hashing.hash(new long[8], new long[4]);
    }

    /** The key of an address's balance leaf. */
    public Hash4 balance(BigInteger address) {
        return key(address, BALANCE, zeroCapacity);
    }

    /** The key of an address's nonce leaf. */
    public Hash4 nonce(BigInteger address) {
        return key(address, NONCE, zeroCapacity);
    }

    /** The key of a contract's bytecode-hash leaf. */
    public Hash4 contractCode(BigInteger address) {
        return key(address, SC_CODE, zeroCapacity);
    }

    /** The key of a contract's bytecode-length leaf. */
    public Hash4 contractLength(BigInteger address) {
        return key(address, SC_LENGTH, zeroCapacity);
    }

    /** The key of storage slot {@code slot} (in [0, 2^256)) of a contract. */
    public Hash4 contractStorage(BigInteger address, BigInteger slot) {
        Hash4 slotHash = hashing.hash(SmtValues.toLimbs(slot), new long[4]);
        return key(address, SC_STORAGE, slotHash);
    }

    /**
     * An address from its text form: "0x" and up to 40 hex digits (any case).
     *
     * @throws IllegalArgumentException on a missing prefix, more than 40 digits or a non-hex digit
     */
    public static BigInteger parseAddress(String text) {
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new IllegalArgumentException("an address starts with 0x: text=" + Hash4.abbreviate(text));
        }
        String digits = text.substring(2);
        if (digits.isEmpty() || digits.length() > 40) {
            throw new IllegalArgumentException("an address has 1..40 hex digits: digits=" + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit in address: text=" + Hash4.abbreviate(text));
            }
        }
        return new BigInteger(digits, 16);
    }

    private Hash4 key(BigInteger address, int type, Hash4 capacity) {
        if (address.signum() < 0 || address.compareTo(ADDRESS_LIMIT) >= 0) {
            throw new IllegalArgumentException("an address is in [0, 2^160): address=0x" + address.toString(16));
        }
        long[] limbs = SmtValues.toLimbs(address);
        long[] in = {limbs[0], limbs[1], limbs[2], limbs[3], limbs[4], 0, type, 0};
        long[] cap = new long[4];
        capacity.copyTo(cap, 0);
        return hashing.hash(in, cap);
    }
}
