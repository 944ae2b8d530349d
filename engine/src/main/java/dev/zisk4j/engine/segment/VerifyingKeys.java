package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifying keys of programs, computed here and nowhere else: a key is a function of (program,
 * config, input mode) and costs an LDE of the preprocessed columns, so provers and verifiers that
 * share an instance compute each key once. Nothing can be put in from outside, so a verifier that
 * uses a shared cache trusts only keys this class computed. Unbounded (one entry per program, config
 * and mode seen). Thread-safe.
 */
public final class VerifyingKeys {
  private final Workers workers;
  private final Map<Id, VerifyingKey> keys = new ConcurrentHashMap<>();

  private record Id(String imageId, VmConfig config, InputMode mode) {}

  public VerifyingKeys(Workers workers) {
    this.workers = workers;
  }

  /**
   * The key of a program under a config and input mode.
   *
   * @throws IllegalArgumentException if the program's RAM differs from the config's or the config cannot
   *     carry the VM's AIR (a caller bug; verifiers check both before asking)
   */
  public VerifyingKey of(ProgramImage image, VmConfig config, InputMode mode) {
    if (image.logMemoryWords() != config.logM()) {
      throw new IllegalArgumentException("config RAM differs from the program's: config logM=" + config.logM()
          + ", program logM=" + image.logMemoryWords());
    }
    return keys.computeIfAbsent(new Id(HexFormat.of().formatHex(image.imageId()), config, mode),
        id -> VerifyingKey.of(VmAir.of(image, mode), config.logN(), config.proofOptions(), workers));
  }

  /** The Poseidon instance AIR's key at 2^logRows rows (no preprocessed columns: cheap, cached all the same). */
  VerifyingKey poseidon(int logRows, dev.zisk4j.engine.stark.ProofOptions options) {
    return poseidonKeys.computeIfAbsent(new PoseidonId(logRows, options),
        id -> VerifyingKey.of(new dev.zisk4j.engine.precompile.PoseidonAir(), logRows, options, workers));
  }

  private record PoseidonId(int logRows, dev.zisk4j.engine.stark.ProofOptions options) {}

  private final Map<PoseidonId, VerifyingKey> poseidonKeys = new ConcurrentHashMap<>();

  Workers workers() {
    return workers;
  }
}
