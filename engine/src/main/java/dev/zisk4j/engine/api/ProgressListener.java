package dev.zisk4j.engine.api;

/** Receives proving progress: a phase name and the fraction of the whole run done (0..1). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (phase, fraction) -> { };

  void onProgress(String phase, double fraction);
}
