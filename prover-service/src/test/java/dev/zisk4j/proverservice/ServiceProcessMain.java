package dev.zisk4j.proverservice;

import java.nio.file.Path;

/**
 * The test service as a process of its own ({@link KillNineTest}): {@code ServiceProcessMain DATA_DIR}
 * prints {@code port N} once ready, then serves until killed.
 */
public final class ServiceProcessMain {
  private ServiceProcessMain() {}

  public static void main(String[] args) throws Exception {
    TestService t = TestService.start(Path.of(args[0]));
    System.out.println("port " + t.service.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
