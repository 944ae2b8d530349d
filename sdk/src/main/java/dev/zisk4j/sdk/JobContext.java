package dev.zisk4j.sdk;

import java.util.concurrent.CancellationException;

/**
 * What a job's body sees of its handle: report progress and statistics, and ask whether it must stop.
 * The engine adapter polls {@link #throwIfCancelled()} between steps, so a cancel stops real work.
 */
public final class JobContext {
  private final JobHandle<?> handle;

  JobContext(JobHandle<?> handle) {
    this.handle = handle;
  }

  /** Reports progress; values lower than an earlier report are ignored. */
  public void progress(int percent, String phase) {
    handle.emit(new JobEvent.Progress(Math.max(0, Math.min(100, percent)), phase));
  }

  /** Records the coordinator's id of a remote job on the handle. */
  void jobId(String id) {
    handle.attachJobId(id);
  }

  public void stats(JobStats stats) {
    handle.updateStats(stats);
  }

  public boolean cancelled() {
    return handle.isCancelRequested() || Thread.currentThread().isInterrupted();
  }

  /** Runs {@code action} when the job is cancelled (at once if it already was): unblocks blocked I/O. */
  public void onCancel(Runnable action) {
    handle.addStopAction(action);
  }

  /** Throws {@link CancellationException} if the job was cancelled; call it between steps. */
  public void throwIfCancelled() {
    if (cancelled()) {
      throw new CancellationException("job cancelled");
    }
  }
}
