package dev.zisk4j.engine.vm;

/**
 * One initialised RAM word of a program image ({@code .data}).
 *
 * @param address RAM word address, 0 ≤ address < 2^32 (the loader also requires address < M)
 * @param value canonical field element
 */
public record DataWord(long address, long value) {
  /**
   * @throws IllegalArgumentException if the address is not a u32 or the value is not canonical
   */
  public DataWord {
    if (address < 0 || address > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("data address out of range: address=" + address);
    }
    if (!Isa.isCanonical(value)) {
      throw new IllegalArgumentException(
          "data value not canonical: address=" + address + ", value=" + Long.toUnsignedString(value));
    }
  }
}
