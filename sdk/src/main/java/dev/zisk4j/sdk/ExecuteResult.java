package dev.zisk4j.sdk;

import java.time.Duration;

/**
 * What an execute job returns: the guest's outputs and the run's statistics (no proof).
 *
 * @param steps VM cycles executed
 * @param inputWords input words the guest read
 */
public record ExecuteResult(long[] outputs, long steps, long inputWords, Duration time) {
  public ExecuteResult {
    outputs = outputs.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }
}
