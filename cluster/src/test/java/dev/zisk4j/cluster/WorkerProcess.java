package dev.zisk4j.cluster;

import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real worker in its own JVM, started from the test classpath (design §10.3: kill -9 needs a
 * process). {@code main(url, id, capacity, engineThreads, heartbeatMs)} runs until killed.
 */
final class WorkerProcess {
  private WorkerProcess() {}

  public static void main(String[] args) throws Exception {
    Worker w = Worker.start(new WorkerConfig(args[0], Optional.of(args[1]), Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), Duration.ofMillis(Long.parseLong(args[4]))));
    w.awaitStopped(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
  }

  /** Starts a worker JVM; its output goes to {@code target/worker-<id>.log}. */
  static Process spawn(String url, String id, int capacity, int engineThreads, long heartbeatMs) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of("target", "worker-" + id + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(), url, id,
        Integer.toString(capacity), Integer.toString(engineThreads), Long.toString(heartbeatMs)));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }
}
