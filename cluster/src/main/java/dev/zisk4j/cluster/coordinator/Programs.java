package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.engine.vm.ProgramImage;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered guest programs by hash id (hex of the engine imageId, cluster.md §1.2). Thread-safe. */
public final class Programs {
  private final ConcurrentHashMap<String, ProgramImage> byHash = new ConcurrentHashMap<>();
  private final dev.zisk4j.cluster.store.JobStore store;

  /** Programs kept in memory only. */
  public Programs() {
    this(new dev.zisk4j.cluster.store.InMemoryJobStore());
  }

  /**
   * Programs also written to {@code store} at registration (a durable store keeps them across restarts,
   * cluster.md §4 {@code programs}); the ones it holds already are loaded now.
   *
   * @throws dev.zisk4j.cluster.store.JobStoreException if a stored image does not decode or the store fails
   */
  public Programs(dev.zisk4j.cluster.store.JobStore store) {
    this.store = store;
    for (var e : store.programs().entrySet()) {
      try {
        byHash.put(e.getKey(), ProgramImage.decode(e.getValue()));
      } catch (dev.zisk4j.engine.vm.MalformedImageException ex) {
        throw new dev.zisk4j.cluster.store.JobStoreException("stored program " + e.getKey() + " does not decode: "
            + ex.getMessage(), ex);
      }
    }
  }

  /**
   * Registers the program (idempotent) and returns its hash id; a new one is committed to the store first.
   *
   * @throws dev.zisk4j.cluster.store.JobStoreException if a durable store cannot commit it
   */
  public String register(ProgramImage image) {
    String id = hashId(image);
    if (!byHash.containsKey(id)) {
      store.putProgram(id, image.encode());
      byHash.putIfAbsent(id, image);
    }
    return id;
  }

  public Optional<ProgramImage> get(String hashId) {
    return Optional.ofNullable(byHash.get(hashId.toLowerCase(java.util.Locale.ROOT)));
  }

  /** How many programs are registered. */
  public int size() {
    return byHash.size();
  }

  public static String hashId(ProgramImage image) {
    return HexFormat.of().formatHex(image.imageId());
  }
}
