package dev.zisk4j.proverservice.batch;

import java.util.Objects;

/**
 * One transfer of a batch: {@code value} from {@code from} to {@code to}, valid only when
 * {@code nonce} is the sender's current nonce (BATCH.md).
 *
 * @param value unsigned 64-bit amount
 * @param nonce unsigned 64-bit sender nonce
 */
public record Transfer(Address from, Address to, long value, long nonce) {
  public Transfer {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return from + " -> " + to + " value=" + Long.toUnsignedString(value) + " nonce=" + Long.toUnsignedString(nonce);
  }
}
