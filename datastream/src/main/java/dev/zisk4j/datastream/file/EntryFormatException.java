package dev.zisk4j.datastream.file;

import java.io.IOException;

/** Bytes that should hold a data entry or header do not: the message names the offset and the bad value. */
public final class EntryFormatException extends IOException {
  public EntryFormatException(String message) {
    super(message);
  }
}
