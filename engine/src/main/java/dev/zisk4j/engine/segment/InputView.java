package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.WordTape;
import java.util.Arrays;
import java.util.List;

/**
 * What the bundle verifier needs of a public input: whether it is the input the statement names
 * (digest and length) and the tape values at given positions. From the bytes (a verifier) or from a
 * plan's checkpoints (the prover's self-check of a streamed input it did not keep).
 */
public interface InputView {
  /** True if the statement's inputDigest and inputWords describe this input. */
  boolean matches(byte[] inputDigest, long inputWords);

  /** A description of the mismatch for the verdict. */
  String mismatch(byte[] inputDigest, long inputWords);

  /** Tape values at positions [start, start+len), 0 past the input. */
  long[] slice(long start, long len);

  /** The view of input bytes held in memory. */
  static InputView ofBytes(byte[] input) {
    long[] words = WordTape.words(input);
    byte[] digest = Statement.digest(input);
    return new InputView() {
      @Override
      public boolean matches(byte[] d, long n) {
        return n == words.length && Arrays.equals(d, digest);
      }

      @Override
      public String mismatch(byte[] d, long n) {
        return n != words.length ? "input length differs: inputWords=" + n + ", expected=" + words.length
            : "the proof is for different input bytes (SHA-256 differs)";
      }

      @Override
      public long[] slice(long start, long len) {
        long[] out = new long[(int) len];
        for (int i = 0; i < len; i++) {
          long pos = start + i;
          out[i] = pos < words.length ? Goldilocks.reduce64(words[(int) pos]) : 0;
        }
        return out;
      }
    };
  }

  /**
   * The view a prover has of a streamed input: its digest and length, and the values each
   * checkpoint read (consecutive from position 0).
   */
  static InputView ofPlan(byte[] digest, long words, List<Checkpoint> checkpoints) {
    long total = 0;
    for (Checkpoint c : checkpoints) {
      total += c.input().length;
    }
    long[] read = new long[(int) total];
    int at = 0;
    for (Checkpoint c : checkpoints) {
      long[] in = c.input();
      System.arraycopy(in, 0, read, at, in.length);
      at += in.length;
    }
    return new InputView() {
      @Override
      public boolean matches(byte[] d, long n) {
        return n == words && Arrays.equals(d, digest);
      }

      @Override
      public String mismatch(byte[] d, long n) {
        return "streamed input differs: inputWords=" + n + ", streamed=" + words;
      }

      @Override
      public long[] slice(long start, long len) {
        if (start + len > read.length) {
          throw new IllegalArgumentException("slice beyond the values read: start=" + start + ", len=" + len
              + ", read=" + read.length);
        }
        return Arrays.copyOfRange(read, (int) start, (int) (start + len));
      }
    };
  }
}
