package dev.zisk4j.engine.vmair;

import dev.zisk4j.engine.air.AirChecker;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.SegmentTrace;
import dev.zisk4j.engine.vm.TraceBuilder;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A built VM trace with its AIR, challenges and the honest statement, for checker-level tests. */
record VmTraces(VmAir air, SegmentTrace trace, long[][] pre, Challenges challenges, PublicValues publics) {

  static VmTraces build(ProgramImage image, byte[] input, int rows, int memoryWords, InputMode mode) throws Exception {
    if (image.memoryWords() != memoryWords) {
      image = image.withLogMemoryWords(Integer.numberOfTrailingZeros(memoryWords));
    }
    VmState start = VmState.initial(image);
    SegmentTrace t = new TraceBuilder(image).build(start, WordTape.ofBytes(input), rows);
    VmAir shape = VmAir.of(image, mode);
    long[][] pre = shape.preprocessed(rows);
    Challenges ch = randomChallenges(42, VmChallenges.count(shape.usesPoseidon()));
    long[][] aux = shape.buildAux(pre, t.main(), ch, null);
    Ext[] mem = VmAir.memoryFingerprints(aux, t.main(), ch);
    VmAir bound = shape.bind(t.inputRead(), t.outputs(), mem[0], mem[1],
        shape.usesPoseidon() ? VmAir.posSum(aux, ch) : null);
    long[] base = VmAir.basePublics(t);
    PublicValues pub = new PublicValues(base, bound.extPublics(base, ch));
    return new VmTraces(bound, t, pre, ch, pub);
  }

  static Challenges randomChallenges(long seed) {
    return randomChallenges(seed, VmChallenges.COUNT);
  }

  static Challenges randomChallenges(long seed, int count) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Ext> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(ExtField.QUADRATIC.element(Goldilocks.reduce64(rnd.nextLong()), Goldilocks.reduce64(rnd.nextLong())));
    }
    return Challenges.of(ExtField.QUADRATIC, list);
  }

  /** Checks a (possibly tampered) main trace: aux rebuilt from it, as a cheating prover would. */
  CheckReport check(long[][] main) {
    return check(main, publics);
  }

  CheckReport check(long[][] main, PublicValues pub) {
    long[][] aux = air.buildAux(pre, main, challenges, pub);
    return AirChecker.check(air.constraints(), pre, main, aux, challenges, pub);
  }

  long[][] copyMain() {
    long[][] m = trace.main();
    long[][] c = new long[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
