package dev.zisk4j.sdk;

import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.JdbcJobStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A coordinator JVM on an H2 data directory for the restart test: {@code main(port, dataDir)} prints
 * {@code READY} once serving and runs until killed.
 */
final class DurableCoordinatorMain {
  private DurableCoordinatorMain() {}

  public static void main(String[] args) throws Exception {
    var store = JdbcJobStore.openH2(Path.of(args[1]));
    var cfg = CoordinatorConfig.defaults().withHost("127.0.0.1").withPort(Integer.parseInt(args[0]))
        .withHeartbeat(Duration.ofMillis(500)).withProveOptions(EmbeddedProverClientTest.SMALL)
        .withFaults(new CoordinatorConfig.Faults(Duration.ofSeconds(1), 3, Duration.ofHours(1)));
    CoordinatorServer server = null;
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

  static Process spawn(String name, int port, Path dataDir) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of("target", name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), DurableCoordinatorMain.class.getName(), Integer.toString(port),
        dataDir.toString()));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains("READY "))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("coordinator " + name + " did not start:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return p;
  }
}
