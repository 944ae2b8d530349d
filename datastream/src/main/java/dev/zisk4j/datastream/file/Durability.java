package dev.zisk4j.datastream.file;

/** What a successful {@code commitAtomicOp} promises about the committed entries. */
public enum Durability {
  /**
   * Entries and header are on stable storage before the commit returns (fdatasync of the data,
   * then the header, then fdatasync again). Survives a power loss or kernel crash. Commits arriving
   * while a sync runs share the next sync (group commit).
   */
  FSYNC,
  /**
   * The Go reference's behaviour: entries and header are in the OS page cache when the commit
   * returns. Survives a crash of this process, not a power loss or kernel crash, after which the
   * file may hold a header that points past the data that reached the disk.
   */
  OS
}
