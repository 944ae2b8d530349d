package dev.zisk4j.datastream.file;

/**
 * How to open or create a stream file.
 *
 * @param streamType  stream type a new file gets and an existing file must have (1 = Sequencer)
 * @param version     payload version written into a new file's header (u8); an existing file keeps its own
 * @param systemId    system id written into a new file's header; an existing file keeps its own
 * @param durability  what a commit promises, {@link Durability#FSYNC} by default
 */
public record DataStreamConfig(long streamType, int version, long systemId, Durability durability) {
  /** Stream type "Sequencer", the only one used in practice. */
  public static final long SEQUENCER = 1;

  public DataStreamConfig {
    if (version < 0 || version > 0xFF) {
      throw new IllegalArgumentException("version=" + version + " does not fit in u8");
    }
    if (durability == null) {
      throw new IllegalArgumentException("durability=null");
    }
  }

  /** Sequencer stream, version 1, system id 137 (the Go tools' defaults), fsync durability. */
  public static DataStreamConfig defaults() {
    return new DataStreamConfig(SEQUENCER, 1, 137, Durability.FSYNC);
  }

  public DataStreamConfig withDurability(Durability d) {
    return new DataStreamConfig(streamType, version, systemId, d);
  }

  public DataStreamConfig withStreamType(long t) {
    return new DataStreamConfig(t, version, systemId, durability);
  }

  public DataStreamConfig withVersion(int v) {
    return new DataStreamConfig(streamType, v, systemId, durability);
  }

  public DataStreamConfig withSystemId(long id) {
    return new DataStreamConfig(streamType, version, id, durability);
  }
}
