package dev.zisk4j.sdk;

import java.time.Duration;

/**
 * Statistics of a finished (or running) job. Counts are 0 until the job has produced them.
 *
 * @param steps executed VM cycles
 * @param segments segments the run was cut into (0 for setup and verify jobs)
 * @param executionTime time spent executing the guest (the part of the job before proving)
 * @param provingTime time spent proving (commitment, proving and aggregation)
 * @param proofBytes size of the serialised proof, 0 when the job produces none
 */
public record JobStats(long steps, int segments, Duration executionTime, Duration provingTime, long proofBytes) {
  public static final JobStats EMPTY = new JobStats(0, 0, Duration.ZERO, Duration.ZERO, 0);
}
