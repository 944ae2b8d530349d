package dev.zisk4j.sdk;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw input as the prover reads it, kept when the proof is public-input: the verifier needs
 * those bytes (the bundle commits to their digest), so the SDK hands them over with the proof.
 * In private mode nothing is kept. One reader thread.
 */
final class KeptInput extends FilterInputStream {
  private final ByteArrayOutputStream kept;

  KeptInput(InputStream in, boolean keep) {
    super(in);
    this.kept = keep ? new ByteArrayOutputStream() : null;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0 && kept != null) {
      kept.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0 && kept != null) {
      kept.write(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would be missing from the kept input: read them instead.
    byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  /** The bytes read so far, or null when nothing is kept. */
  byte[] bytes() {
    return kept == null ? null : kept.toByteArray();
  }
}
