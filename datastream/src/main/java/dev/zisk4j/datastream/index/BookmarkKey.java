package dev.zisk4j.datastream.index;

import java.util.Arrays;
import java.util.HexFormat;

/** A bookmark's raw bytes as a map key (compared by content). The array is owned by this key. */
record BookmarkKey(byte[] bytes) {
  static BookmarkKey copyOf(byte[] b) {
    return new BookmarkKey(b.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BookmarkKey k && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
