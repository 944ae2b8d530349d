package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.precompile.PoseidonTrace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Poseidon instance's task (PRECOMPILES.md §5): the distinct input states it proves, each with the
 * number of requests it serves (its multiplicity); the outputs are recomputed by the worker. Wire:
 * {@code u32 index | u8 logRows | u32 n | n × (12 felts | u64 mult)}, strict.
 */
public record InstancePlan(int index, int logRows, long[][] inputs, long[] mult) {
  public InstancePlan {
    if (index < 0 || inputs.length != mult.length || logRows < InstanceCommitment.MIN_LOG_ROWS
        || logRows > InstanceCommitment.MAX_LOG_ROWS || inputs.length > (1 << logRows) - 1) {
      throw new IllegalArgumentException("bad instance plan: index=" + index + ", logRows=" + logRows
          + ", inputs=" + inputs.length + ", mult=" + mult.length);
    }
    inputs = Arrays.stream(inputs).map(long[]::clone).toArray(long[][]::new);
    mult = mult.clone();
  }

  /**
   * Cuts a run's requests (in order, duplicates allowed) into instances: each distinct state once, with
   * its count as multiplicity, at most 2^maxLogRows − 1 states per instance.
   */
  public static List<InstancePlan> of(List<long[]> requests, int maxLogRows) {
    Map<List<Long>, long[]> rows = new LinkedHashMap<>();
    for (long[] r : requests) {
      rows.computeIfAbsent(Arrays.stream(r).boxed().toList(), k -> new long[] {0})[0]++;
    }
    int cap = (1 << maxLogRows) - 1;
    List<InstancePlan> plans = new ArrayList<>();
    List<Map.Entry<List<Long>, long[]>> all = new ArrayList<>(rows.entrySet());
    for (int from = 0; from < all.size(); from += cap) {
      int to = Math.min(all.size(), from + cap);
      long[][] in = new long[to - from][];
      long[] m = new long[to - from];
      for (int i = from; i < to; i++) {
        in[i - from] = all.get(i).getKey().stream().mapToLong(Long::longValue).toArray();
        m[i - from] = all.get(i).getValue()[0];
      }
      plans.add(new InstancePlan(plans.size(), Integer.numberOfTrailingZeros(PoseidonTrace.rowsFor(in.length)), in, m));
    }
    return plans;
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + inputs.length * (8 * Poseidon.WIDTH + 8)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(index).put((byte) logRows).putInt(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      for (long v : inputs[i]) {
        b.putLong(v);
      }
      b.putLong(mult[i]);
    }
    return b.array();
  }

  /** @throws MalformedProofException for truncated, oversized or non-canonical input */
  public static InstancePlan decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "InstancePlan");
    long index = r.u32("index");
    int logRows = r.u8("logRows");
    long n = r.u32("n");
    if (index > Integer.MAX_VALUE || logRows < InstanceCommitment.MIN_LOG_ROWS || logRows > InstanceCommitment.MAX_LOG_ROWS
        || n > (1L << logRows) - 1 || n * (8 * Poseidon.WIDTH + 8) != r.remaining()) {
      throw new MalformedProofException("InstancePlan: bad header: index=" + index + ", logRows=" + logRows + ", n=" + n
          + ", remaining=" + r.remaining());
    }
    long[][] in = new long[(int) n][Poseidon.WIDTH];
    long[] m = new long[(int) n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < Poseidon.WIDTH; j++) {
        in[i][j] = r.felt("state");
      }
      m[i] = r.felt("mult");
    }
    r.finish();
    return new InstancePlan((int) index, logRows, in, m);
  }

  /** The instance's main trace (PoseidonTrace). */
  long[][] trace() {
    return PoseidonTrace.build(inputs, mult, 1 << logRows);
  }

  /** Total requests served (Σ mult). */
  public long requests() {
    long s = 0;
    for (long m : mult) {
      s = Goldilocks.add(s, m);
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstancePlan p && Arrays.equals(encode(), p.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
