package dev.zisk4j.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EngineCommandsTest {
  @TempDir
  Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Path guest(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path g = p.resolve("examples/guests/" + name + ".zasm");
      if (Files.exists(g)) {
        return g;
      }
    }
    throw new IllegalStateException("examples/guests not found");
  }

  /** The example with 64 words of RAM (".memory 64"), so it proves in segments of 2^10 rows. */
  Path small(String name) throws Exception {
    Path p = dir.resolve(name + "-64.zasm");
    Files.writeString(p, ".memory 64\n" + Files.readString(guest(name)));
    return p;
  }

  @Test
  void asmThenDisasmThenAsmGivesTheSameImage() throws Exception {
    Path img = dir.resolve("fib.jzkp");
    CliRun asm = run("asm", guest("fib").toString(), "-o", img.toString());
    assertThat(asm.exit()).isZero();
    assertThat(asm.out()).contains("12 instructions", "imageId ");
    CliRun dis = run("disasm", img.toString());
    assertThat(dis.exit()).isZero();
    Path src = dir.resolve("back.zasm");
    Files.writeString(src, dis.out());
    Path img2 = dir.resolve("back.jzkp");
    assertThat(run("asm", src.toString(), "-o", img2.toString()).exit()).isZero();
    assertThat(Files.readAllBytes(img2)).isEqualTo(Files.readAllBytes(img));
  }

  @Test
  void executePrintsOutputsAndStepsForSourceOrImage() throws Exception {
    CliRun r = run("execute", guest("fib").toString(), "--record-u64", "90");
    assertThat(r.exit()).isZero();
    assertThat(r.out().trim()).isEqualTo("2880067194370816120");
    assertThat(r.err()).contains("steps 5", "time");
    Path img = dir.resolve("sum.jzkp");
    run("asm", guest("sum").toString(), "-o", img.toString());
    Path input = dir.resolve("in.bin");
    dev.zisk4j.io.ZiskStdin stdin = new dev.zisk4j.io.ZiskStdin();
    stdin.writeSlice(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0});
    stdin.save(input);
    CliRun s = run("execute", img.toString(), "--input", input.toString());
    assertThat(s.out().trim()).isEqualTo("3");
    CliRun mix = run("execute", guest("checksum").toString(), "--record-u64", "1,2", "--record-u64", "3", "--end-of-input");
    assertThat(mix.out().split("\\R")).containsExactly("3", "6", "10");
  }

  @Test
  void badInputGivesAClearErrorAndExitCode() throws Exception {
    Path bad = dir.resolve("bad.zasm");
    Files.writeString(bad, "li r1, 5\nfrob r2\n");
    CliRun r = run("asm", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("line 2, column 1: unknown mnemonic 'frob'");
    Path image = dir.resolve("broken.jzkp");
    Files.write(image, new byte[] {'J', 'Z', 'K', 'P', 2, 0, 6, 0, 0, 0, 0});
    assertThat(run("disasm", image.toString()).err()).contains("invalid program image: image has no instructions");
    Path faulty = dir.resolve("fault.zasm");
    Files.writeString(faulty, "li r1, 0\ninv r2, r1\nhalt\n");
    CliRun f = run("execute", faulty.toString());
    assertThat(f.exit()).isEqualTo(1);
    assertThat(f.err()).contains("guest fault at pc=1, cycle=1: INV of zero");
    assertThat(run("execute", guest("fib").toString(), "--record-u64", "abc").err()).contains("not a u64: value=abc");
    Path loop = dir.resolve("loop.zasm");
    Files.writeString(loop, "l: jmp l\n");
    assertThat(run("execute", loop.toString(), "--max-steps", "1000").err()).contains("did not halt within --max-steps=1000");
    assertThat(run("execute", guest("fib").toString(), "--input", dir.resolve("missing").toString()).exit()).isNotZero();
  }

  @Test
  void executePoseidonChainEqualsTheNativePermutation() throws Exception {
    CliRun r = run("execute", guest("poseidon-chain").toString(), "--u64", "1000");
    assertThat(r.exit()).as(r.err()).isZero();
    long[] state = new long[dev.zisk4j.engine.hash.Poseidon.WIDTH];
    dev.zisk4j.engine.hash.Poseidon p = new dev.zisk4j.engine.hash.Poseidon();
    for (int i = 0; i < 1000; i++) {
      p.permute(state);
    }
    String[] expected = java.util.Arrays.stream(state).mapToObj(Long::toUnsignedString).toArray(String[]::new);
    assertThat(r.out().trim().split("\\R")).containsExactly(expected);
    assertThat(r.err()).contains("poseidon permutations 1000");
  }

  @Test
  void proveThenVerifyPoseidonChainEndToEnd() throws Exception {
    Path proof = dir.resolve("chain.jzkb");
    String chain = guest("poseidon-chain").toString();
    CliRun p = run("prove", chain, "--u64", "1000", "-o", proof.toString());
    assertThat(p.exit()).as(p.err()).isZero();
    long[] state = new long[dev.zisk4j.engine.hash.Poseidon.WIDTH];
    dev.zisk4j.engine.hash.Poseidon h = new dev.zisk4j.engine.hash.Poseidon();
    for (int i = 0; i < 1000; i++) {
      h.permute(state);
    }
    String[] expected = java.util.Arrays.stream(state).mapToObj(Long::toUnsignedString).toArray(String[]::new);
    assertThat(p.out().trim().split("\\R")).containsExactly(expected);
    assertThat(p.err()).contains("prove Poseidon instance 1/1", "[100%] done");
    CliRun ok = run("verify", chain, proof.toString(), "--u64", "1000");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out().trim().split("\\R")).containsExactly(expected);
    assertThat(ok.err()).contains("proof valid");
    CliRun other = run("verify", chain, proof.toString(), "--u64", "999");
    assertThat(other.exit()).isEqualTo(1);
    assertThat(other.err()).contains("proof rejected: INPUT_MISMATCH");
    byte[] bytes = Files.readAllBytes(proof);
    Path cut = dir.resolve("cut.jzkb");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    CliRun truncated = run("verify", chain, cut.toString(), "--u64", "1000");
    assertThat(truncated.exit()).isEqualTo(1);
    assertThat(truncated.err()).contains("proof rejected: MALFORMED");
  }

  @Test
  void proveThenVerifyWithExitCodes() throws Exception {
    Path proof = dir.resolve("fib.jzkb");
    String fib = small("fib").toString();
    CliRun p = run("prove", fib, "--record-u64", "90", "-o", proof.toString(), "--log-rows", "10", "--threads", "1");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out().trim()).isEqualTo("2880067194370816120");
    assertThat(p.err()).contains("%] execute", "%] prove segment 1/1", "[100%] done", "proof ", "bytes",
        "security (conjectured-100): 105 conjectured bits");
    CliRun ok = run("verify", fib, proof.toString(), "--record-u64", "90");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out().trim()).isEqualTo("2880067194370816120");
    assertThat(ok.err()).contains("proof valid", "105 conjectured bits", "proven bits (list decoding)",
        "policy[conjectured>=100, proven>=50, globalPow>=16, logRows<=20]");
    CliRun wrongInput = run("verify", fib, proof.toString(), "--record-u64", "91");
    assertThat(wrongInput.exit()).isEqualTo(1);
    assertThat(wrongInput.err()).contains("proof rejected: INPUT_MISMATCH");
    // no input options: the empty input, not "some input"
    CliRun noInput = run("verify", fib, proof.toString());
    assertThat(noInput.err()).contains("proof rejected: INPUT_MISMATCH");
    assertThat(run("verify", fib, proof.toString(), "--private-input").err()).contains("INPUT_MODE_MISMATCH");
    // the program fixes the RAM size: the same source with another .memory is another program
    assertThat(run("verify", guest("fib").toString(), proof.toString(), "--record-u64", "90").err())
        .contains("proof rejected: MEMORY_SIZE_MISMATCH");
    // the policy is the verifier's
    CliRun strict = run("verify", fib, proof.toString(), "--record-u64", "90", "--min-proven-bits", "90");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.err()).contains("proof rejected: INSECURE_CONFIG: provenBits=", "105 conjectured bits");
    byte[] bytes = Files.readAllBytes(proof);
    bytes[bytes.length / 2] ^= 1;
    Path bad = dir.resolve("bad.jzkb");
    Files.write(bad, bytes);
    CliRun tampered = run("verify", fib, bad.toString(), "--record-u64", "90");
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.err()).contains("proof rejected: ");
    Files.write(bad, new byte[] {1, 2, 3});
    assertThat(run("verify", fib, bad.toString(), "--record-u64", "90").err())
        .contains("proof rejected: MALFORMED");
    assertThat(run("prove", fib, "-o", proof.toString(), "--log-rows", "40").err())
        .contains("unsupported config: logN=40");
  }

  @Test
  void provenHundredProvesAndVerifiesAndTheProvenPolicyRefusesTheDefault() throws Exception {
    String fib = small("fib").toString();
    Path strong = dir.resolve("fib-proven.jzkb");
    CliRun p = run("prove", fib, "--record-u64", "90", "-o", strong.toString(), "--log-rows", "10", "--threads", "1",
        "--security", "proven-100");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.err()).contains("security (proven-100): 128 conjectured bits, 10");
    CliRun own = run("verify", fib, strong.toString(), "--record-u64", "90", "--security", "proven-100");
    assertThat(own.exit()).as(own.err()).isZero();
    assertThat(own.out().trim()).isEqualTo("2880067194370816120");
    assertThat(own.err()).contains("proof valid", "128 conjectured bits, 10", "proven bits (list decoding)",
        "policy[conjectured>=100, proven>=100, globalPow>=16, logRows<=20]");
    // the default policy accepts it too
    assertThat(run("verify", fib, strong.toString(), "--record-u64", "90").exit()).isZero();
    // a default (conjectured-100) proof does not pass the proven-100 policy
    Path fast = dir.resolve("fib-fast.jzkb");
    assertThat(run("prove", fib, "--record-u64", "90", "-o", fast.toString(), "--log-rows", "10", "--threads", "1")
        .exit()).isZero();
    CliRun refused = run("verify", fib, fast.toString(), "--record-u64", "90", "--security", "proven-100");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("proof rejected: INSECURE_CONFIG: provenBits=", "policy minimum=100");
    // tampering is still caught under the cubic extension
    byte[] bytes = Files.readAllBytes(strong);
    bytes[bytes.length / 3] ^= 1;
    Path bad = dir.resolve("bad-proven.jzkb");
    Files.write(bad, bytes);
    assertThat(run("verify", fib, bad.toString(), "--record-u64", "90", "--security", "proven-100").err())
        .contains("proof rejected: ");
  }

  @Test
  void aPrivateInputProofVerifiesOnlyAsOne() throws Exception {
    Path proof = dir.resolve("sum-private.jzkb");
    String sum = small("sum").toString();
    CliRun p = run("prove", sum, "--record-u64", "4,5", "--private-input", "-o", proof.toString(), "--log-rows", "10",
        "--threads", "1");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(run("verify", sum, proof.toString(), "--private-input").exit()).isZero();
    // forgetting --private-input means "the empty input", which this proof is not about
    CliRun forgot = run("verify", sum, proof.toString());
    assertThat(forgot.exit()).isEqualTo(1);
    assertThat(forgot.err()).contains("proof rejected: INPUT_MODE_MISMATCH");
    assertThat(run("verify", sum, proof.toString(), "--private-input", "--record-u64", "4,5").err())
        .contains("--private-input takes no input options");
  }

  @Test
  void everyFlagRejectsBadValuesClearly() throws Exception {
    String fib = guest("fib").toString();
    Path proof = dir.resolve("p.jzkb");
    String[][] cases = {
        {"program RAM too large for the segment: M=1024, rows=1024", "prove", fib, "-o", proof.toString(), "--log-rows", "10"},
        {"unknown security profile: nope", "prove", fib, "-o", proof.toString(), "--security", "nope"},
        {"unknown security profile: nope", "verify", fib, proof.toString(), "--security", "nope"},
        {"unsupported config: numQueries must be in [1, 255]: numQueries=0", "prove", fib, "-o", proof.toString(), "--queries", "0"},
        {"unsupported config: grindingBits must be in [0, 32]: grindingBits=40", "prove", fib, "-o", proof.toString(), "--grinding-bits", "40"},
        {"unsupported config: logBlowup must be in [1, 4]: logBlowup=9", "prove", fib, "-o", proof.toString(), "--log-blowup", "9"},
        {"Invalid value for option '--log-rows'", "prove", fib, "-o", proof.toString(), "--log-rows", "x"},
        {"Missing required option: '--output=PROOF'", "prove", fib},
        {"invalid value for option '--max-steps': -1 (allowed: 1 or more)", "execute", fib, "--max-steps", "-1"},
        {"Missing required parameter", "verify", fib},
        {"not a u64: value=-5", "execute", fib, "--record-u64", "-5"},
        {"not a u64: value=0xZZ", "execute", fib, "--record-u64", "0xZZ"},
        {"--record-file file not found", "execute", fib, "--record-file", dir.resolve("none").toString()},
        {"--input file not found", "execute", fib, "--input", dir.resolve("none").toString()},
        {"proof file not found", "verify", fib, dir.resolve("none").toString()},
        {"program file not found", "prove", dir.resolve("nothing.zasm").toString(), "-o", proof.toString()},
    };
    for (String[] c : cases) {
      CliRun r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertThat(r.exit()).as(String.join(" ", c)).isNotZero();
      assertThat(r.err()).as(String.join(" ", c)).contains(c[0]);
      assertThat(r.err()).as("no stack trace for " + c[0]).doesNotContain("\tat ");
    }
    // raw bytes are a valid tape (engine.md §2.2): a ragged tail reads zero-padded
    Path raw = dir.resolve("raw.bin");
    Files.write(raw, new byte[] {5, 0, 0, 0, 0, 0, 0, 0, 10});
    assertThat(run("execute", fib, "--input", raw.toString()).out().trim()).isEqualTo("55");
  }

  @Test
  void proveReadsALiveInputUri() throws Exception {
    Path framed = dir.resolve("in.bin");
    dev.zisk4j.io.ZiskStdin stdin = new dev.zisk4j.io.ZiskStdin();
    stdin.writeSlice(new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0});
    stdin.save(framed);
    Path proof = dir.resolve("live.jzkb");
    String sum = small("sum").toString();
    CliRun p = run("prove", sum, "--input-uri", framed.toUri().toString(), "-o", proof.toString(),
        "--log-rows", "10", "--threads", "1");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out().trim()).isEqualTo("15");
    assertThat(run("verify", sum, proof.toString(), "--input", framed.toString()).exit()).isZero();
  }

  @Test
  void engineCommandsTakeTheEncodeOptionsInline() {
    CliRun r = run("execute", guest("fib").toString(), "--u64", "90");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().trim()).isEqualTo("2880067194370816120");
    CliRun bad = run("execute", guest("fib").toString(), "--u64", "-1");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--u64");
  }

  /** execute, prove and verify read repeated, interleaved typed options in order, like input encode. */
  @Test
  void engineCommandsTakeRepeatedTypedOptionsInOrder() throws Exception {
    String[] records = {"--u64", "3", "--string", "hi", "--u64", "251", "--bool", "true"};
    String golden = dev.zisk4j.cli.input.InputCommandsTest.REPEATED_GOLDEN;
    ExecuteCommand exec = new ExecuteCommand();
    new CommandLine(exec).parseArgs(concat(new String[] {"p.zasm"}, records));
    assertThat(java.util.HexFormat.of().formatHex(exec.input.bytes(null))).isEqualTo(golden);
    ProveCommand prove = new ProveCommand();
    new CommandLine(prove).parseArgs(concat(new String[] {"p.zasm", "-o", "p.bin"}, records));
    assertThat(java.util.HexFormat.of().formatHex(prove.input.bytes(null))).isEqualTo(golden);
    VerifyCommand verify = new VerifyCommand();
    new CommandLine(verify).parseArgs(concat(new String[] {"p.zasm", "p.bin"}, records));
    assertThat(java.util.HexFormat.of().formatHex(verify.input.bytes(null))).isEqualTo(golden);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
