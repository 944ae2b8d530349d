package dev.zisk4j.proverservice;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.proverservice.client.ZkProverClient;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.rollup.RollupTransition;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.ProverClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real service for tests: H2 store in a temp dir (or the store given), the embedded engine proving the fold4 test guest
 * at 2^10-row segments, gRPC on an ephemeral loopback port, and a client.
 */
public final class TestService implements AutoCloseable {
  public static final ProveOptions SMALL = ProveOptions.standard().withLogRows(10).withMaxSegments(256);

  public final Path dir;
  public final ServiceConfig config;
  private final Supplier<RequestStore> openStore;
  private final Supplier<ProvingBackend> openBackend;
  public final MutableClock clock = new MutableClock(1_700_000_000_000L);
  public RequestStore store;
  public ProverService service;
  public ZkProverClient client;

  private TestService(Path dir, ServiceConfig config, Supplier<RequestStore> openStore,
      Supplier<ProvingBackend> openBackend) {
    this.dir = dir;
    this.config = config;
    this.openStore = openStore;
    this.openBackend = openBackend;
  }

  public static ServiceConfig config() {
    return ServiceConfig.defaults().withBind("127.0.0.1", 0);
  }

  public static TestService start(Path dir) throws InterruptedException {
    return start(dir, config());
  }

  public static TestService start(Path dir, ServiceConfig config) throws InterruptedException {
    return start(dir, config, () -> RequestStore.openH2(dir));
  }

  /** A service over the store {@code openStore} opens (again at each restart). */
  public static TestService start(Path dir, ServiceConfig config, Supplier<RequestStore> openStore)
      throws InterruptedException {
    TestService t = new TestService(dir, config, openStore, () -> backend(config));
    t.open();
    return t;
  }

  /** A service proving {@code guest} at {@code options} (H2 in dir). */
  public static TestService start(Path dir, ServiceConfig config, GuestProgram guest, ProveOptions options)
      throws InterruptedException {
    TestService t = new TestService(dir, config, () -> RequestStore.openH2(dir), () -> new ProvingBackend(
        ProverClient.embedded().options(options.withSecurity(config.security())).threads(2).build(), guest,
        config.security().policy()));
    t.open();
    return t;
  }

  public static GuestProgram fold4() {
    try (InputStream in = TestService.class.getResourceAsStream("/guests/fold4.zasm")) {
      return GuestProgram.fromSource("fold4.zasm", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ProvingBackend backend(ServiceConfig config) {
    return new ProvingBackend(ProverClient.embedded().options(SMALL.withSecurity(config.security())).threads(2).build(),
        fold4(), config.security().policy());
  }

  private void open() throws InterruptedException {
    store = openStore.get();
    service = ProverService.start(config, openBackend.get(), store, Optional.of(new RollupTransition()), new SimpleMeterRegistry(), clock);
    client = new ZkProverClient("127.0.0.1:" + service.port(), 64 << 20, Duration.ofSeconds(30));
    service.awaitReady();
  }

  /** Stops everything and starts again on the same data directory (a new port). */
  public void restart() throws InterruptedException {
    closeParts();
    open();
  }

  private void closeParts() {
    client.close();
    service.close();
    store.close();
  }

  @Override
  public void close() {
    closeParts();
  }
}
