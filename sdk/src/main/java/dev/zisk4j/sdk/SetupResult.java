package dev.zisk4j.sdk;

/**
 * The verifying key of a program under a configuration: its image id and the root of the
 * preprocessed (program) columns. A verifier may cache it instead of recomputing it.
 */
public record SetupResult(byte[] imageId, byte[] vkRoot) {
  public SetupResult {
    imageId = imageId.clone();
    vkRoot = vkRoot.clone();
  }

  @Override
  public byte[] imageId() {
    return imageId.clone();
  }

  @Override
  public byte[] vkRoot() {
    return vkRoot.clone();
  }
}
