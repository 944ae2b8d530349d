package dev.zisk4j.engine.vm;

/**
 * Why a guest stopped without HALT: the cycle (0-based), the pc and a reason naming the values.
 * A fault means there is no proof.
 */
public record Fault(long cycle, long pc, String reason) {
  @Override
  public String toString() {
    return "guest fault at pc=" + Long.toUnsignedString(pc) + ", cycle=" + cycle + ": " + reason;
  }
}
