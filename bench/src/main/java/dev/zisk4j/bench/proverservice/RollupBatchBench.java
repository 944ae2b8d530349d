package dev.zisk4j.bench.proverservice;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.ProverService;
import dev.zisk4j.proverservice.ServiceConfig;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.client.ZkProverClient;
import dev.zisk4j.proverservice.guest.GuestInput;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.guest.RollupGuest;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.rollup.GuestWitness;
import dev.zisk4j.proverservice.rollup.RollupTransition;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.ProverClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Benchmark command: a batch of transfers on a state of many accounts through the prover service
 * with its default guest (examples/guests/rollup.zasm), end to end over gRPC: Execute, then GenProof
 * and GetProof until final, in one run (issue 10, "Performance": 100 transfers on 2^16 accounts).
 *
 * <pre>bin/bench --main dev.zisk4j.bench.proverservice.RollupBatchBench [ACCOUNTS=65536] [TRANSFERS=100] [THREADS=cores]</pre>
 *
 * The state holds a balance leaf per account (1,000,000 + i); the batch has TRANSFERS senders, each
 * paying an existing account (every tenth a new one) with nonce 0; the request's db is exactly the
 * nodes the batch reads (recorded while the witness is built), as a sequencer would send. Also prints
 * the guest's VM steps, memory accesses and Poseidon permutations (executed directly, same tape).
 */
public final class RollupBatchBench {
  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 16;
    int transfers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : cores;
    long t0 = System.nanoTime();
    InputProver request = request(accounts, transfers, new Random(1));
    System.out.printf("state: %d accounts, batch: %d transfers, db: %d nodes (built in %.1f s)%n", accounts, transfers,
        request.getDbCount(), (System.nanoTime() - t0) / 1e9);

    GuestProgram guest = RollupGuest.load();
    var in = new InputValidator(InputLimits.defaults()).check(request);
    byte[] tape = GuestInput.encode(in);
    ProgramImage image = guest.image();
    t0 = System.nanoTime();
    RunOutcome run = new Executor(image).run(VmState.initial(image), WordTape.ofBytes(tape), new OutputTape(),
        RunLimits.cycles(1L << 34), null);
    double execMs = (System.nanoTime() - t0) / 1e6;
    System.out.printf("guest: %s, tape %d words, %d steps, %d memory accesses, %d permutations, executed in %.0f ms%n",
        run.stop(), tape.length / 8, run.cycles(), run.memoryAccesses(), run.permutations(), execMs);
    System.out.printf("twin: %d permutations%n", new RollupTransition().apply(in).poseidonPermutations());

    Path dir = Files.createTempDirectory("rollup-bench");
    ServiceConfig cfg = ServiceConfig.defaults().withBind("127.0.0.1", 0);
    try (RequestStore store = RequestStore.openH2(dir)) {
      ProverService svc = ProverService.start(cfg,
          new ProvingBackend(ProverClient.embedded().options(ProveOptions.standard()).threads(threads).build(), guest,
              cfg.security().policy()),
          store, Optional.of(new RollupTransition()), new SimpleMeterRegistry(), Clock.systemUTC());
      try (ZkProverClient c = new ZkProverClient("127.0.0.1:" + svc.port(), 64 << 20, Duration.ofSeconds(30))) {
        svc.awaitReady();
        t0 = System.nanoTime();
        ExecuteResponse ex = c.execute(request, Duration.ofMinutes(10));
        System.out.printf("Execute over gRPC: %s in %.0f ms, new_state_root %s, hash_poseidon %d%n", ex.getResult(),
            (System.nanoTime() - t0) / 1e6, ex.getNewStateRoot(), ex.getCounters().getHashPoseidon());
        t0 = System.nanoTime();
        String id = c.genProof(request).response().getId();
        GetProofResponse r = c.getProof(id, 600, Duration.ofMinutes(30));
        double proveS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("GenProof -> GetProof over gRPC: %s in %.1f s (%d cores, %d prover threads), bundle %d bytes%s%n",
            r.getResult(), proveS, cores, threads, r.getProof().getStark().getBundle().size(),
            r.getResultString().isEmpty() ? "" : ": " + r.getResultString());
      } finally {
        svc.close();
      }
    }
  }

  static Address address(int i) {
    byte[] b = new byte[20];
    b[0] = (byte) 0xac;
    for (int k = 0; k < 4; k++) {
      b[19 - k] = (byte) (i >>> (8 * k));
    }
    return Address.of(b);
  }

  /** The state, the batch, and as db only the nodes the batch reads. */
  static InputProver request(int accounts, int transfers, Random rnd) throws Exception {
    MemoryNodeStore full = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(full);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    for (int i = 0; i < accounts; i++) {
      root = tree.set(root, keys.balance(new BigInteger(1, address(i).bytes())), BigInteger.valueOf(1_000_000 + i));
    }
    List<Transfer> ts = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      int to = i % 10 == 9 ? accounts + i : rnd.nextInt(accounts);
      ts.add(new Transfer(address(i * (accounts / Math.max(1, transfers))), address(to), 1 + rnd.nextInt(1000), 0));
    }
    Map<Hash4, long[]> read = new HashMap<>();
    NodeStore recording = new NodeStore() {
      @Override
      public long[] get(Hash4 h) {
        long[] v = full.get(h);
        if (v != null) {
          read.put(h, v);
        }
        return v;
      }

      @Override
      public void put(Hash4 h, long[] pre) {
        full.put(h, pre);
      }
    };
    GuestWitness w = new GuestWitness(recording, root);
    for (Transfer t : ts) {
      w.transfer(t, x -> { });
    }
    return InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder().setOldStateRoot(root.toString())
            .setOldLocalExitRoot("0x" + "0".repeat(64)).setNewLocalExitRoot("0x" + "0".repeat(64))
            .setSequencerAddr("0x" + "5".repeat(40)).setChainId(1000).setBatchNum(1).setEthTimestamp(1_700_000_000L))
        .setGlobalExitRoot("0x" + "0".repeat(64))
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts)))
        .putAllDb(NodeText.encode(read)).build();
  }
}
