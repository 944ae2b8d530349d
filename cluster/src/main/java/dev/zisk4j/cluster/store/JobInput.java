package dev.zisk4j.cluster.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What recovery needs to run a job again after a coordinator restart (cluster.md §4 {@code job_input} and
 * {@code programs}): the guest image, the complete input and the submission's scheduling parameters. The
 * durable store keeps it from the job's insert (or its push EOF) until the job is terminal.
 *
 * @param image the guest's {@code ProgramImage.encode()} bytes
 * @param input the job's whole input (the planner re-runs the guest on it)
 * @param deadline the client's deadline, re-armed on recovery
 */
public record JobInput(byte[] image, byte[] input, int computeCapacity, int minimalCapacity,
    Optional<Instant> deadline) {
  private static final int VERSION = 1;

  public JobInput {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(deadline, "deadline");
  }

  /** A version byte, then the fields in order. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.length + input.length + 64);
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      o.writeByte(VERSION);
      o.writeInt(image.length);
      o.write(image);
      o.writeInt(input.length);
      o.write(input);
      o.writeInt(computeCapacity);
      o.writeInt(minimalCapacity);
      o.writeBoolean(deadline.isPresent());
      if (deadline.isPresent()) {
        o.writeLong(deadline.get().getEpochSecond());
        o.writeInt(deadline.get().getNano());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The inverse of {@link #encode}.
   *
   * @throws JobStoreException if the bytes are not a job input of a version this build reads
   */
  public static JobInput decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      if (v != VERSION) {
        throw new JobStoreException("job input has codec version " + v + ", this build reads " + VERSION, null);
      }
      byte[] image = new byte[in.readInt()];
      in.readFully(image);
      byte[] input = new byte[in.readInt()];
      in.readFully(input);
      int cc = in.readInt();
      int mc = in.readInt();
      Optional<Instant> deadline = in.readBoolean() ? Optional.of(Instant.ofEpochSecond(in.readLong(), in.readInt()))
          : Optional.empty();
      return new JobInput(image, input, cc, mc, deadline);
    } catch (IOException | RuntimeException e) {
      if (e instanceof JobStoreException j) {
        throw j;
      }
      throw new JobStoreException("corrupt job input: " + e, e);
    }
  }
}
