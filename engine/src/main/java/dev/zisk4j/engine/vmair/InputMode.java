package dev.zisk4j.engine.vmair;

/** Whether the verifier holds the input (engine.md §2.2). The wire value is the statement's u8. */
public enum InputMode {
  /** The verifier has the input bytes; their SHA-256 is in the statement and E_IN is checked. */
  PUBLIC(0),
  /** The input is not given to the verifier; the E_IN check is dropped. Not zero-knowledge. */
  PRIVATE(1);

  private final int wire;

  InputMode(int wire) {
    this.wire = wire;
  }

  public int wire() {
    return wire;
  }

  /**
   * @throws IllegalArgumentException for an unknown wire value
   */
  public static InputMode ofWire(int v) {
    for (InputMode m : values()) {
      if (m.wire == v) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown input mode: inputMode=" + v);
  }
}
