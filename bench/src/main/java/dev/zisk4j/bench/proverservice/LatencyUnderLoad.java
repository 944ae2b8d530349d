package dev.zisk4j.bench.proverservice;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse.StatusProver;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.ProverService;
import dev.zisk4j.proverservice.ServiceConfig;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.client.ZkProverClient;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.ProverClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark command: GetStatus and GetProof(PENDING) latency while a proof saturates the cores,
 * beside the same calls on the idle server in the same run (issue 10, goal p99 < 10 ms).
 *
 * <pre>bin/bench --main dev.zisk4j.bench.proverservice.LatencyUnderLoad GUEST [CALLS] [TRANSFERS] [THREADS]</pre>
 *
 * GUEST follows BATCH.md's guest contract (the tests' prover-service/src/test/resources/guests/fold4.zasm);
 * TRANSFERS sizes the batch, hence the tape and the proof (default 100: a few segments of 2^16 rows of fold4;
 * before guest input v2 the third argument was ACCOUNTS, an empty batch over a db of that many accounts);
 * THREADS is the prover's (default: one per core).
 */
public final class LatencyUnderLoad {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: LatencyUnderLoad GUEST [CALLS=2000] [TRANSFERS=100] [THREADS=cores]");
      System.exit(2);
    }
    GuestProgram guest = GuestProgram.fromFile(Path.of(args[0]));
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int entries = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Path dir = Files.createTempDirectory("prover-latency");
    ServiceConfig cfg = ServiceConfig.defaults().withBind("127.0.0.1", 0);
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : cores;
    try (RequestStore store = RequestStore.openH2(dir)) {
      ProverService svc = ProverService.start(cfg,
          new ProvingBackend(ProverClient.embedded().options(ProveOptions.standard()).threads(threads).build(), guest,
              cfg.security().policy()),
          store, Optional.empty(), new SimpleMeterRegistry(), Clock.systemUTC());
      try (ZkProverClient c = new ZkProverClient("127.0.0.1:" + svc.port(), 64 << 20, Duration.ofSeconds(30))) {
        svc.awaitReady();
        InputProver slow = request(entries);
        // Idle baseline (GetProof of a finished id would read a stored bundle; a pending one is what
        // a polling aggregator asks, so the baseline queries an unknown id).
        measure("warm-up", c, calls, "00000000-0000-0000-0000-000000000000", ResultGetProof.RESULT_GET_PROOF_ERROR);
        measure("idle", c, calls, "00000000-0000-0000-0000-000000000000", ResultGetProof.RESULT_GET_PROOF_ERROR);
        String id = c.genProof(slow).response().getId();
        while (c.status().getState() != StatusProver.STATUS_PROVER_COMPUTING
            || c.status().getCurrentComputingRequestId().isEmpty()) {
          Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        measure("proving", c, calls, id, ResultGetProof.RESULT_GET_PROOF_PENDING);
        System.out.printf("(measured while the proof ran; %d cores, %d prover threads, proof still pending after %.1f s)%n",
            cores, threads,
            (System.nanoTime() - t0) / 1e9);
        c.cancel(id);
      } finally {
        svc.close();
      }
    }
  }

  private static void measure(String label, ZkProverClient c, int calls, String id, ResultGetProof expect)
      throws InterruptedException {
    long[] status = new long[calls];
    long[] proof = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      c.status();
      status[i] = System.nanoTime() - t;
      t = System.nanoTime();
      ResultGetProof r = c.getProof(id, 0, Duration.ZERO).getResult();
      proof[i] = System.nanoTime() - t;
      if (r != expect) {
        throw new IllegalStateException(label + ": GetProof answered " + r + ", expected " + expect
            + " (the proof finished too early: give more TRANSFERS)");
      }
    }
    print(label, "GetStatus", status);
    print(label, "GetProof ", proof);
  }

  private static void print(String label, String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf("%-8s %s  n=%d  p50=%.2f ms  p99=%.2f ms  max=%.2f ms%n", label, what, s.length,
        s[s.length / 2] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
  }

  /**
   * A batch of {@code transfers} (account i pays account i + 1) over a real tree of transfers + 1
   * accounts, the db every node: the tape (guest input v2) carries each transfer's paths, so the
   * batch, not the db, sizes the proof.
   */
  private static InputProver request(int transfers) {
    MemoryNodeStore store = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    List<Transfer> ts = new ArrayList<>();
    for (int i = 0; i <= transfers; i++) {
      root = tree.set(root, keys.balance(new BigInteger(1, address(i).bytes())), BigInteger.valueOf(1000 + i));
      if (i < transfers) {
        ts.add(new Transfer(address(i), address(i + 1), 1, 0));
      }
    }
    return InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder().setOldStateRoot(root.toString()).setChainId(1).setBatchNum(1))
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts))).putAllDb(NodeText.encodeReachable(root, store)).build();
  }

  private static Address address(int i) {
    byte[] b = new byte[20];
    b[16] = (byte) (i >>> 24);
    b[17] = (byte) (i >>> 16);
    b[18] = (byte) (i >>> 8);
    b[19] = (byte) i;
    b[0] = 1;
    return Address.of(b);
  }
}
