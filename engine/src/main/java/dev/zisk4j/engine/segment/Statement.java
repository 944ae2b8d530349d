package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vmair.InputMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What a bundle claims (engine.md §5.2): the program (imageId, vkRoot), the input mode, the input
 * (SHA-256 of its bytes and its length in 8-byte words; in private mode exactly 32 zero bytes and 0,
 * so a private statement has one encoding) and the outputs (canonical field elements).
 */
public record Statement(byte[] imageId, byte[] vkRoot, byte[] inputDigest, long inputWords, InputMode inputMode,
    long[] outputs) {

  /**
   * @throws IllegalArgumentException for wrong digest lengths, a negative word count, a non-canonical
   *     output, or a private statement with an input digest or length
   */
  public Statement {
    if (imageId.length != 32 || vkRoot.length != 32 || inputDigest.length != 32 || inputWords < 0) {
      throw new IllegalArgumentException("bad statement: imageId=" + imageId.length + "B, vkRoot=" + vkRoot.length
          + "B, inputDigest=" + inputDigest.length + "B, inputWords=" + inputWords);
    }
    if (inputMode == null) {
      throw new IllegalArgumentException("bad statement: inputMode is required");
    }
    if (inputMode == InputMode.PRIVATE && (inputWords != 0 || !Arrays.equals(inputDigest, new byte[32]))) {
      throw new IllegalArgumentException("bad statement: a private-input statement carries no input digest or length: "
          + "inputWords=" + inputWords);
    }
    for (int i = 0; i < outputs.length; i++) {
      if (!dev.zisk4j.engine.field.Goldilocks.isCanonical(outputs[i])) {
        throw new IllegalArgumentException("bad statement: non-canonical output: index=" + i + ", value="
            + Long.toUnsignedString(outputs[i]));
      }
    }
    imageId = imageId.clone();
    vkRoot = vkRoot.clone();
    inputDigest = inputDigest.clone();
    outputs = outputs.clone();
  }

  /**
   * SHA-256 of the input as the tape sees it: the bytes zero-padded to a multiple of 8 (so a live
   * stream, read word by word, and the same bytes in memory give one digest).
   */
  public static byte[] digest(byte[] input) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(input);
      md.update(new byte[(int) (words(input.length) * 8 - input.length)]);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  /** Input length in tape words: bytes rounded up to 8. */
  public static long words(long inputBytes) {
    return (inputBytes + 7) / 8;
  }

  @Override
  public byte[] imageId() {
    return imageId.clone();
  }

  @Override
  public byte[] vkRoot() {
    return vkRoot.clone();
  }

  @Override
  public byte[] inputDigest() {
    return inputDigest.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement s && Arrays.equals(imageId, s.imageId) && Arrays.equals(vkRoot, s.vkRoot)
        && Arrays.equals(inputDigest, s.inputDigest) && inputWords == s.inputWords && inputMode == s.inputMode
        && Arrays.equals(outputs, s.outputs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(imageId) * 31 + Arrays.hashCode(outputs);
  }
}
