package dev.zisk4j.cli.datastream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-running command started, closed in reverse order exactly once (by {@link #close()}
 * or the JVM shutdown hook on Ctrl-C / SIGTERM).
 */
public final class Running implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Running.class);

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean done;

  /** Registers a part; it is closed before everything registered earlier. */
  public synchronized <T extends AutoCloseable> T add(T part) {
    parts.push(part);
    return part;
  }

  /** Blocks until closed (by another thread or the shutdown hook). */
  public void awaitShutdown() throws InterruptedException {
    Thread hook = Thread.ofPlatform().unstarted(this::close);
    Runtime.getRuntime().addShutdownHook(hook);
    closed.await();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      while (!parts.isEmpty()) {
        AutoCloseable p = parts.pop();
        try {
          p.close();
        } catch (Exception e) {
          log.warn("closing {} failed: {}", p, e.toString());
        }
      }
    }
    closed.countDown();
  }
}
