package dev.zisk4j.cluster.log;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys the cluster logs with (cluster.md §6): {@code job_id}, {@code worker_id},
 * {@code task} ({@code prove/3}: type and segment) and {@code attempt}. The dispatcher sets them for
 * the event it handles and clears them after it; {@link #task} scopes them around one task (a dispatch
 * inside an event about another job), restoring what was there before.
 */
public final class LogContext implements AutoCloseable {
  public static final String JOB = "job_id";
  public static final String WORKER = "worker_id";
  public static final String TASK = "task";
  public static final String ATTEMPT = "attempt";
  private static final String[] KEYS = {JOB, WORKER, TASK, ATTEMPT};

  private final String[] saved = new String[KEYS.length];

  private LogContext() {
    for (int i = 0; i < KEYS.length; i++) {
      saved[i] = MDC.get(KEYS[i]);
    }
  }

  /** Sets all four keys until {@link #close}. */
  public static LogContext task(String jobId, String workerId, String taskType, int segment, int attempt) {
    LogContext c = new LogContext();
    put(JOB, jobId);
    put(WORKER, workerId);
    put(TASK, taskName(taskType, segment));
    put(ATTEMPT, Integer.toUnsignedString(attempt));
    return c;
  }

  /** {@code prove/3}: what the {@link #TASK} key holds. */
  public static String taskName(String taskType, int segment) {
    return taskType.toLowerCase(java.util.Locale.ROOT) + "/" + Integer.toUnsignedString(segment);
  }

  /** Sets {@code key} for the rest of the current event (null removes it). */
  public static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Removes the cluster's keys (the end of a dispatcher event). */
  public static void clear() {
    for (String k : KEYS) {
      MDC.remove(k);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < KEYS.length; i++) {
      put(KEYS[i], saved[i]);
    }
  }
}
