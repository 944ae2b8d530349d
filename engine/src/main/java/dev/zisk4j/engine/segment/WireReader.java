package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A strict little-endian reader for the engine's wire values: every read checks the remaining
 * length, felts must be canonical, and {@link #finish()} rejects trailing bytes. Errors are {@link
 * MalformedProofException} naming the field and offset.
 */
final class WireReader {
  private final ByteBuffer buf;
  private final String what;

  WireReader(byte[] bytes, String what) {
    this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    this.what = what;
  }

  private void need(int n, String field) throws MalformedProofException {
    if (buf.remaining() < n) {
      throw new MalformedProofException(what + " truncated at " + field + ": offset=" + buf.position()
          + ", need=" + n + ", remaining=" + buf.remaining());
    }
  }

  int u8(String field) throws MalformedProofException {
    need(1, field);
    return Byte.toUnsignedInt(buf.get());
  }

  int u16(String field) throws MalformedProofException {
    need(2, field);
    return Short.toUnsignedInt(buf.getShort());
  }

  long u32(String field) throws MalformedProofException {
    need(4, field);
    return Integer.toUnsignedLong(buf.getInt());
  }

  long u64(String field) throws MalformedProofException {
    need(8, field);
    return buf.getLong();
  }

  long felt(String field) throws MalformedProofException {
    int at = buf.position();
    long v = u64(field);
    if (!Goldilocks.isCanonical(v)) {
      throw new MalformedProofException(what + ": non-canonical field element in " + field + ": offset=" + at);
    }
    return v;
  }

  Ext ext(String field, ExtField f) throws MalformedProofException {
    long[] c = new long[f.degree()];
    for (int k = 0; k < c.length; k++) {
      c[k] = felt(field);
    }
    return f.element(c);
  }

  byte[] bytes(int n, String field) throws MalformedProofException {
    need(n, field);
    byte[] b = new byte[n];
    buf.get(b);
    return b;
  }

  void magic(byte[] magic) throws MalformedProofException {
    byte[] got = bytes(magic.length, "magic");
    if (!java.util.Arrays.equals(got, magic)) {
      throw new MalformedProofException(what + ": bad magic");
    }
  }

  int remaining() {
    return buf.remaining();
  }

  int position() {
    return buf.position();
  }

  void finish() throws MalformedProofException {
    if (buf.hasRemaining()) {
      throw new MalformedProofException(what + ": trailing bytes: offset=" + buf.position() + ", count=" + buf.remaining());
    }
  }
}
