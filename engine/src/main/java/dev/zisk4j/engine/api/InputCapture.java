package dev.zisk4j.engine.api;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A tee over the raw input stream: hashes every byte (SHA-256, for the statement's inputDigest),
 * counts them, keeps them only when asked (public-input mode, where the verifier needs them), and
 * notes when the end of input was seen. Used by one reader thread.
 */
final class InputCapture extends FilterInputStream {
  private final MessageDigest sha256;
  private final ByteArrayOutputStream kept;
  private long bytes;
  private volatile long endNanos;

  InputCapture(InputStream in, boolean keep) {
    super(in);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
    this.kept = keep ? new ByteArrayOutputStream() : null;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      sha256.update(b, off, n);
      bytes += n;
      if (kept != null) {
        kept.write(b, off, n);
      }
    } else if (n < 0 && endNanos == 0) {
      endNanos = System.nanoTime();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed: read them.
    byte[] buf = new byte[8192];
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

  /** Reads and hashes whatever the guest did not read, up to the end of input. */
  void drain() throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (read(buf, 0, buf.length) >= 0) {
      // hashed (and kept) by read
    }
  }

  byte[] digest() {
    return sha256.digest();
  }

  long bytes() {
    return bytes;
  }

  /** The kept bytes (public mode), or null. */
  byte[] keptBytes() {
    return kept == null ? null : kept.toByteArray();
  }

  /** System.nanoTime() when the end of input was read, or 0 before. */
  long endNanos() {
    return endNanos;
  }
}
