package dev.zisk4j.datastream.server;

/** Why the server ended a connection (logged and counted by tag). */
enum DisconnectReason {
  PEER_CLOSED("peer_closed"),
  STREAM_TYPE_MISMATCH("stream_type_mismatch"),
  MALFORMED_FRAME("malformed_frame"),
  WRITE_TIMEOUT("write_timeout"),
  INACTIVITY("inactivity"),
  HANDSHAKE_TIMEOUT("handshake_timeout"),
  EVICTED_SILENT("evicted_silent"),
  TRUNCATED("truncated"),
  IO_ERROR("io_error"),
  SERVER_CLOSING("server_closing");

  private final String tag;

  DisconnectReason(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }
}
