package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.engine.vm.ProgramImage;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered guest programs by hash id (hex of the engine imageId, cluster.md §1.2). Thread-safe. */
public final class Programs {
  private final ConcurrentHashMap<String, ProgramImage> byHash = new ConcurrentHashMap<>();

  /** Registers the program (idempotent) and returns its hash id. */
  public String register(ProgramImage image) {
    String id = hashId(image);
    byHash.putIfAbsent(id, image);
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
