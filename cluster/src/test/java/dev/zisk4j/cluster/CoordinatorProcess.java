package dev.zisk4j.cluster;

import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.JdbcJobStore;
import dev.zisk4j.cluster.store.JobStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real coordinator in its own JVM on a durable store (design §10.4: {@code kill -9} needs a process).
 * {@code main(port, store, maxActiveJobs)} where store is an H2 data directory or a {@code jdbc:postgresql:}
 * URL; it prints {@code READY <port>} once serving and runs until killed.
 */
final class CoordinatorProcess {
  private CoordinatorProcess() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    JobStore store = args[1].startsWith("jdbc:") ? JdbcJobStore.open(args[1], null, null)
        : JdbcJobStore.openH2(Path.of(args[1]));
    var cfg = ClusterFixture.config().withPort(port).withMaxActiveJobs(Integer.parseInt(args[2]));
    CoordinatorServer server = null;
    // the port of the killed predecessor may still be held for a moment
    for (Instant until = Instant.now().plusSeconds(20); server == null; ) {
      try {
        server = CoordinatorServer.start(cfg, store);
      } catch (java.io.UncheckedIOException e) {
        if (Instant.now().isAfter(until)) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts a coordinator JVM; its output goes to {@code target/<name>.log}. */
  static Process spawn(String name, int port, String store, int maxActiveJobs) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of("target", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), CoordinatorProcess.class.getName(), Integer.toString(port),
        store, Integer.toString(maxActiveJobs)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      if (Files.exists(log) && Files.readString(log).contains("READY ")) {
        return p;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("coordinator " + name + " exited " + p.exitValue() + ":\n" + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("coordinator " + name + " did not start:\n" + Files.readString(log));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
