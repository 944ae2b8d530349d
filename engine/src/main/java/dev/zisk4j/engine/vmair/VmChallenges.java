package dev.zisk4j.engine.vmair;

/**
 * Indices of the eight global challenges in declaration (and transcript) order, engine.md §3.1:
 * αp, αm, αr, αb, αio, β, γin, γout; the precompile variant adds α_pos, β_pos (the Poseidon bus,
 * shared with every Poseidon instance of the bundle).
 */
public final class VmChallenges {
  public static final int ALPHA_P = 0;
  public static final int ALPHA_M = 1;
  public static final int ALPHA_R = 2;
  public static final int ALPHA_B = 3;
  public static final int ALPHA_IO = 4;
  public static final int BETA = 5;
  public static final int GAMMA_IN = 6;
  public static final int GAMMA_OUT = 7;
  public static final int COUNT = 8;
  /** The Poseidon bus's α and β (precompile variant only, drawn after the eight above). */
  public static final int ALPHA_POS = 8;
  public static final int BETA_POS = 9;
  /** Challenges of the precompile variant. */
  public static final int COUNT_POSEIDON = 10;

  static final String[] NAMES = {"alpha_p", "alpha_m", "alpha_r", "alpha_b", "alpha_io", "beta", "gamma_in", "gamma_out",
      "alpha_pos", "beta_pos"};

  /** The challenge count of a layout. */
  public static int count(boolean poseidon) {
    return poseidon ? COUNT_POSEIDON : COUNT;
  }

  private VmChallenges() {}
}
