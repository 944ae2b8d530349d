package dev.zisk4j.cluster.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link JobRecord} as bytes for the durable store: a version byte, then the fields in declaration order. */
final class JobRecordCodec {
  /** 2 added the verifying key; version 1 snapshots still decode (without one). */
  private static final int VERSION = 2;

  private JobRecordCodec() {}

  static byte[] encode(JobRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      o.writeByte(VERSION);
      o.writeUTF(r.jobId());
      str(o, r.blockId());
      str(o, r.kind() == null ? null : r.kind().name());
      str(o, r.hashId());
      o.writeUTF(r.state().name());
      o.writeUTF(r.phase().name());
      instant(o, r.createdAt());
      instant(o, r.startedAt().orElse(null));
      instant(o, r.finishedAt().orElse(null));
      o.writeInt(r.segments());
      o.writeInt(r.segmentsProved());
      o.writeInt(r.failedAttempts());
      o.writeInt(r.assignedWorkers().size());
      for (String w : r.assignedWorkers()) {
        o.writeUTF(w);
      }
      o.writeBoolean(r.failure().isPresent());
      if (r.failure().isPresent()) {
        JobRecord.Failure f = r.failure().get();
        o.writeUTF(f.kind().name());
        o.writeUTF(f.reason());
        o.writeUTF(f.phase().name());
        o.writeLong(f.limit().toMillis());
      }
      o.writeInt(r.result().map(b -> b.length).orElse(-1));
      if (r.result().isPresent()) {
        o.write(r.result().get());
      }
      o.writeInt(r.outputs().map(w -> w.length).orElse(-1));
      if (r.outputs().isPresent()) {
        for (long w : r.outputs().get()) {
          o.writeLong(w);
        }
      }
      o.writeLong(r.steps());
      o.writeInt(r.attempts().size());
      for (AttemptRecord a : r.attempts()) {
        o.writeUTF(a.task());
        o.writeInt(a.segment());
        o.writeInt(a.attempt());
        o.writeUTF(a.worker());
        o.writeUTF(a.outcome().name());
        o.writeUTF(a.error());
        instant(o, a.at());
      }
      o.writeUTF(r.owner());
      o.writeInt(r.verifyingKey().map(k -> k.length).orElse(-1));
      if (r.verifyingKey().isPresent()) {
        o.write(r.verifyingKey().get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static JobRecord decode(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      if (v != 1 && v != VERSION) {
        throw new JobStoreException("job snapshot has codec version " + v + ", this build reads " + VERSION, null);
      }
      String jobId = in.readUTF();
      String blockId = str(in);
      String kind = str(in);
      String hashId = str(in);
      JobState state = JobState.valueOf(in.readUTF());
      JobPhase phase = JobPhase.valueOf(in.readUTF());
      Instant created = instant(in);
      Instant started = instant(in);
      Instant finished = instant(in);
      int segments = in.readInt();
      int proved = in.readInt();
      int failed = in.readInt();
      int nw = in.readInt();
      List<String> workers = new ArrayList<>(nw);
      for (int i = 0; i < nw; i++) {
        workers.add(in.readUTF());
      }
      Optional<JobRecord.Failure> failure = Optional.empty();
      if (in.readBoolean()) {
        failure = Optional.of(new JobRecord.Failure(JobRecord.Failure.Kind.valueOf(in.readUTF()), in.readUTF(),
            JobPhase.valueOf(in.readUTF()), Duration.ofMillis(in.readLong())));
      }
      int rl = in.readInt();
      Optional<byte[]> result = Optional.empty();
      if (rl >= 0) {
        byte[] r = new byte[rl];
        in.readFully(r);
        result = Optional.of(r);
      }
      int ol = in.readInt();
      Optional<long[]> outputs = Optional.empty();
      if (ol >= 0) {
        long[] w = new long[ol];
        for (int i = 0; i < ol; i++) {
          w[i] = in.readLong();
        }
        outputs = Optional.of(w);
      }
      long steps = in.readLong();
      int na = in.readInt();
      List<AttemptRecord> attempts = new ArrayList<>(na);
      for (int i = 0; i < na; i++) {
        attempts.add(new AttemptRecord(in.readUTF(), in.readInt(), in.readInt(), in.readUTF(),
            AttemptRecord.Outcome.valueOf(in.readUTF()), in.readUTF(), instant(in)));
      }
      String owner = in.readUTF();
      Optional<byte[]> vk = Optional.empty();
      if (v >= 2) {
        int kl = in.readInt();
        if (kl >= 0) {
          byte[] k = new byte[kl];
          in.readFully(k);
          vk = Optional.of(k);
        }
      }
      return new JobRecord(jobId, blockId, kind == null ? null : JobKind.valueOf(kind), hashId, state, phase, created,
          Optional.ofNullable(started), Optional.ofNullable(finished), segments, proved, failed, workers, failure,
          result, outputs, steps, attempts, owner, vk);
    } catch (IOException | IllegalArgumentException e) {
      throw new JobStoreException("corrupt job snapshot: " + e, e);
    }
  }

  private static void str(DataOutputStream o, String s) throws IOException {
    o.writeBoolean(s != null);
    if (s != null) {
      o.writeUTF(s);
    }
  }

  private static String str(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void instant(DataOutputStream o, Instant t) throws IOException {
    o.writeBoolean(t != null);
    if (t != null) {
      o.writeLong(t.getEpochSecond());
      o.writeInt(t.getNano());
    }
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
