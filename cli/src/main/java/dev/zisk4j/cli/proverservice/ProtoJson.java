package dev.zisk4j.cli.proverservice;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The proto3 JSON mapping for files the zkprover commands read and write. */
final class ProtoJson {
  /** Input files larger than this are refused before they are read. */
  static final long MAX_FILE_BYTES = 256L << 20;

  private ProtoJson() {}

  /**
   * Reads {@code path} into {@code builder}; unknown fields are errors.
   *
   * @throws IOException naming the file when it cannot be read, is too large or is not that message as JSON
   */
  static <B extends Message.Builder> B read(Path path, B builder, String what) throws IOException {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new IOException("cannot read " + what + " " + path + ": " + e.getMessage(), e);
    }
    if (size > MAX_FILE_BYTES) {
      throw new IOException(what + " " + path + " is " + size + " bytes, max " + MAX_FILE_BYTES);
    }
    try {
      JsonFormat.parser().merge(Files.readString(path, StandardCharsets.UTF_8), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IOException(path + " is not a " + what + " in proto JSON: " + e.getMessage(), e);
    }
    return builder;
  }

  static String write(Message m) {
    try {
      return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(m);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
