package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;

import dev.zisk4j.engine.air.AirBuilder;
import dev.zisk4j.engine.air.Column;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.Expr;
import dev.zisk4j.engine.vm.Opcode;
import dev.zisk4j.engine.vm.TraceLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Declares every constraint of engine.md §3.2–§3.5 in the {@code air} DSL. The declaration order
 * (columns, challenges, publics, constraints) is the proof format's order: do not reorder.
 *
 * <p>Constraint names are {@code family.detail}; families are decode, registers, ops, pc, counters,
 * memory, bus.program, bus.memory, bus.range, bus.byte, horner, fingerprint, first, last.
 */
final class VmConstraints {
  private final AirBuilder b = new AirBuilder(3);
  private final boolean poseidon;
  private final Column[] m;
  private final Column[] pre = new Column[PRE_COLUMNS];
  private final Column lp, lm, lr, lb1, lb2, lb3, ein, eout, min, mout;
  /** Precompile variant only (else null): the request fingerprint and the Poseidon bus sum. */
  private final Column pacc, lpos;
  private final Expr[] ch;
  private final Expr[] pubBase = new Expr[VmPublics.BASE_COUNT];
  private final Expr[] pubExt;

  private VmConstraints(boolean poseidon) {
    this.poseidon = poseidon;
    m = new Column[TraceLayout.mainColumns(poseidon)];
    ch = new Expr[VmChallenges.count(poseidon)];
    pubExt = new Expr[poseidon ? VmPublics.EXT_COUNT_POSEIDON : VmPublics.EXT_COUNT];
    String[] names = TraceLayout.mainNames(poseidon);
    for (String p : new String[] {"PPC", "PWORD", "PIMM", "RIDX", "BYTE"}) {
      Column c = b.pre(p);
      pre[c.index()] = c;
    }
    for (int i = 0; i < m.length; i++) {
      m[i] = b.main(names[i]);
      if (m[i].index() != i) {
        throw new IllegalStateException("main column order broken: column=" + names[i]);
      }
    }
    lp = b.aux("Lp");
    lm = b.aux("Lm");
    lr = b.aux("Lr");
    lb1 = b.aux("Lb1");
    lb2 = b.aux("Lb2");
    lb3 = b.aux("Lb3");
    ein = b.aux("Ein");
    eout = b.aux("Eout");
    min = b.aux("Min");
    mout = b.aux("Mout");
    pacc = poseidon ? b.aux("Pacc") : null;
    lpos = poseidon ? b.aux("Lpos") : null;
    for (int i = 0; i < ch.length; i++) {
      ch[i] = b.challenge(VmChallenges.NAMES[i]);
    }
    String[] base = new String[VmPublics.BASE_COUNT];
    base[VmPublics.PC_START] = "PC_START";
    base[VmPublics.PC_END] = "PC_END";
    for (int i = 1; i < 8; i++) {
      base[VmPublics.R_START + i - 1] = "R_START_" + i;
      base[VmPublics.R_END + i - 1] = "R_END_" + i;
    }
    base[VmPublics.IN_LEN] = "IN_LEN";
    base[VmPublics.OUT_LEN] = "OUT_LEN";
    for (int i = 0; i < base.length; i++) {
      pubBase[i] = b.publicBase(base[i]);
    }
    String[] ext = {"E_IN", "E_OUT", "MEM_IN", "MEM_OUT", "POS_SUM"};
    for (int i = 0; i < pubExt.length; i++) {
      pubExt[i] = b.publicExt(ext[i]);
    }
  }

  /**
   * Builds the constraint system for RAM of {@code memoryWords} words.
   *
   * @param checkInput false in private-input mode: the E_IN boundary constraint is left out
   */
  static ConstraintSystem build(int memoryWords, boolean checkInput) {
    return build(memoryWords, checkInput, false);
  }

  /**
   * As {@link #build(int, boolean)}; {@code poseidon} selects the precompile variant (PRECOMPILES.md
   * §3), whose constraints are the plain ones extended by the POSEIDON flag, then the {@code poseidon.*}
   * micro-row family and the Poseidon bus, declared after everything the plain layout declares.
   */
  static ConstraintSystem build(int memoryWords, boolean checkInput, boolean poseidon) {
    VmConstraints v = new VmConstraints(poseidon);
    v.decode();
    v.registers();
    v.operations();
    v.pcAndCounters();
    v.memory();
    v.buses();
    v.accumulators();
    v.boundaries(memoryWords, checkInput);
    if (poseidon) {
      v.poseidon();
    }
    return v.b.build();
  }

  /** f_poseidon, or zero in the plain layout (so shared expressions need no case split). */
  private Expr fPos() {
    return poseidon ? c(F_POS) : Expr.ZERO;
  }

  /**
   * The micro-row family (PRECOMPILES.md §3). On a POSEIDON, pj runs 0..23 from the instruction's
   * first row, pw is 1 exactly from pj = 12 on, pl is 1 exactly at pj = 23 and the next row starts a
   * new instruction; "cont" = f_pos − pl is 1 on the rows that continue into another micro-row. Pacc
   * is the Horner fingerprint of the 24 mval (in then out), and pl adds 1/(α_pos − Pacc) to Lpos.
   */
  private void poseidon() {
    Expr f = c(F_POS), pj = c(PJ), pw = c(PW), pl = c(PL);
    Expr cont = f.sub(pl);
    Expr fresh = Expr.ONE.sub(cont);
    int last = 2 * dev.zisk4j.engine.hash.Poseidon.WIDTH - 1;
    int half = dev.zisk4j.engine.hash.Poseidon.WIDTH - 1;
    b.transition("poseidon.pl_bool", "poseidon", pl.mul(pl.oneMinus()));
    b.transition("poseidon.pl_flag", "poseidon", pl.mul(f.oneMinus()));
    b.transition("poseidon.pw_bool", "poseidon", pw.mul(pw.oneMinus()));
    b.transition("poseidon.pw_flag", "poseidon", pw.mul(f.oneMinus()));
    b.transition("poseidon.stay", "poseidon", cont.mul(n(F_POS).oneMinus()));
    b.transition("poseidon.count", "poseidon", cont.mul(n(PJ).sub(pj).sub(1)));
    b.transition("poseidon.start", "poseidon", fresh.mul(n(PJ)));
    b.transition("poseidon.pw_start", "poseidon", fresh.mul(n(PW)));
    b.transition("poseidon.end", "poseidon", pl.mul(pj.sub(last)));
    b.transition("poseidon.pw_end", "poseidon", pl.mul(pw.oneMinus()));
    b.transition("poseidon.pw_mono", "poseidon", cont.mul(pw).mul(n(PW).oneMinus()));
    b.transition("poseidon.pw_switch", "poseidon", cont.mul(n(PW).sub(pw)).mul(pj.sub(half)));
    b.transition("poseidon.addr", "poseidon",
        f.mul(c(MADDR).sub(c(A)).sub(c(IMM)).sub(pj).add(pw.mul(half + 1))));
    Expr beta = ch[VmChallenges.BETA_POS];
    b.transition("poseidon.acc", "poseidon",
        n(F_POS).mul(pacc.next().sub(cont.mul(beta).mul(pacc.cur())).sub(n(MVAL))));
    b.transition("bus.poseidon", "bus.poseidon",
        lpos.next().sub(lpos.cur()).mul(ch[VmChallenges.ALPHA_POS].sub(pacc.cur())).sub(pl));
    b.first("first.pj", "first", pj);
    b.first("first.pw", "first", pw);
    b.first("first.Pacc", "first", f.mul(pacc.cur().sub(c(MVAL))));
    b.first("first.Lpos", "first", lpos.cur());
    b.last("last.poseidon", "last", f);
    b.last("last.Lpos", "last", lpos.cur().sub(pubExt[VmPublics.POS_SUM]));
  }

  private Expr c(int col) {
    return m[col].cur();
  }

  private Expr n(int col) {
    return m[col].next();
  }

  private Expr f(Opcode op) {
    return c(F0 + op.code());
  }

  private static Expr k(long v) {
    return Expr.constant(v);
  }

  private void decode() {
    List<Expr> flags = new ArrayList<>();
    for (Opcode op : Opcode.vmAirValues()) {
      b.transition("decode.flag_bool." + op.mnemonic(), "decode", f(op).mul(f(op).oneMinus()));
      flags.add(f(op));
    }
    if (poseidon) {
      b.transition("decode.flag_bool.poseidon", "decode", fPos().mul(fPos().oneMinus()));
      flags.add(fPos());
    }
    b.transition("decode.flag_sum", "decode", Expr.sum(flags).sub(1));
    Expr word = Expr.ZERO;
    for (Opcode op : Opcode.vmAirValues()) {
      if (op.code() != 0) {
        word = word.add(f(op).mul(op.code()));
      }
    }
    if (poseidon) {
      // word = (op & 15) + 16·rd + 128·rs1 + 1024·rs2 + 8192·(op >> 4): POSEIDON (16) is 8192
      word = word.add(fPos().mul(8192));
    }
    String[] sel = {"sd", "sa", "sb"};
    int[] base = {SD0, SA0, SB0};
    long[] weight = {16, 128, 1024};
    for (int s = 0; s < 3; s++) {
      List<Expr> one = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Expr x = c(base[s] + i);
        b.transition("decode." + sel[s] + "_bool." + i, "decode", x.mul(x.oneMinus()));
        one.add(x);
        if (i != 0) {
          word = word.add(x.mul(weight[s] * i));
        }
      }
      b.transition("decode." + sel[s] + "_sum", "decode", Expr.sum(one).sub(1));
    }
    b.transition("decode.word", "decode", c(WORD).sub(word));
    Expr a = Expr.ZERO;
    Expr bb = c(IMM);
    for (int i = 1; i < 8; i++) {
      a = a.add(c(SA0 + i).mul(c(R0 + i)));
      bb = bb.add(c(SB0 + i).mul(c(R0 + i)));
    }
    b.transition("decode.a", "decode", c(A).sub(a));
    b.transition("decode.b", "decode", c(B).sub(bb));
    Expr forced = f(Opcode.STORE).add(f(Opcode.WRITE)).add(f(Opcode.ASSERT)).add(f(Opcode.HALT))
        .add(f(Opcode.BNZ)).add(f(Opcode.BZ)).add(f(Opcode.STALL));
    if (poseidon) {
      forced = forced.add(fPos());
    }
    b.transition("decode.rd_forced", "decode", forced.mul(c(SD0).oneMinus()));
  }

  private void registers() {
    for (int i = 1; i < 8; i++) {
      Expr ri = c(R0 + i);
      b.transition("registers.r" + i, "registers", n(R0 + i).sub(ri).sub(c(SD0 + i).mul(c(RES).sub(ri))));
    }
  }

  private void operations() {
    Expr a = c(A), bv = c(B), res = c(RES), h = c(H), imm = c(IMM), pc = c(PC);
    b.transition("ops.add", "ops", f(Opcode.ADD).mul(res.sub(a).sub(bv)));
    b.transition("ops.sub", "ops", f(Opcode.SUB).mul(res.sub(a).add(bv)));
    b.transition("ops.mul", "ops", f(Opcode.MUL).mul(res.sub(a.mul(bv))));
    b.transition("ops.inv", "ops", f(Opcode.INV).mul(a.mul(res).sub(1)));
    b.transition("ops.eq_res", "ops", f(Opcode.EQ).mul(res.sub(1).add(a.sub(bv).mul(h))));
    b.transition("ops.eq_zero", "ops", f(Opcode.EQ).mul(a.sub(bv)).mul(res));
    b.transition("ops.lt_bool", "ops", f(Opcode.LT).mul(res).mul(res.oneMinus()));
    Expr bytes = c(K0).add(c(K0 + 1).mul(1L << 8)).add(c(K0 + 2).mul(1L << 16)).add(c(K0 + 3).mul(1L << 24));
    b.transition("ops.lt_range", "ops", f(Opcode.LT).mul(
        res.mul(bv.sub(a).sub(1)).add(res.oneMinus().mul(a.sub(bv))).sub(bytes)));
    b.transition("ops.jal", "ops", f(Opcode.JAL).mul(res.sub(pc).sub(1)));
    Expr branch = f(Opcode.BNZ).add(f(Opcode.BZ));
    b.transition("ops.branch_res", "ops", branch.mul(res.sub(a.mul(h))));
    b.transition("ops.branch_zero", "ops", branch.mul(a).mul(res.oneMinus()));
    b.transition("ops.load", "ops", f(Opcode.LOAD).mul(res.sub(c(MVAL))));
    b.transition("ops.mem_addr", "ops", f(Opcode.LOAD).add(f(Opcode.STORE)).mul(c(MADDR).sub(a).sub(imm)));
    b.transition("ops.store", "ops", f(Opcode.STORE).mul(c(MVAL).sub(bv).add(imm)));
    b.transition("ops.assert", "ops", f(Opcode.ASSERT).mul(a.sub(bv)));
  }

  private void pcAndCounters() {
    Expr pc = c(PC), imm = c(IMM), res = c(RES);
    Expr jump = imm.sub(pc).sub(1);
    Expr next = n(PC).sub(pc).sub(1)
        .sub(f(Opcode.JAL).mul(c(A).add(imm).sub(pc).sub(1)))
        .sub(f(Opcode.BNZ).mul(res).mul(jump))
        .sub(f(Opcode.BZ).mul(res.oneMinus()).mul(jump))
        .add(f(Opcode.HALT)).add(f(Opcode.STALL));
    if (poseidon) {
      next = next.add(fPos().sub(c(PL))); // a POSEIDON micro-row that continues keeps pc
    }
    b.transition("pc.next", "pc", next);
    b.transition("counters.icnt", "counters", n(ICNT).sub(c(ICNT)).sub(f(Opcode.READ)));
    b.transition("counters.ocnt", "counters", n(OCNT).sub(c(OCNT)).sub(f(Opcode.WRITE)));
  }

  private void memory() {
    Expr step = n(MA).sub(c(MA));
    b.transition("memory.addr_step", "memory", step.mul(step.sub(1)));
    b.transition("memory.first", "memory", n(MN).sub(step));
    b.transition("memory.mp_bool", "memory", n(MP).mul(n(MP).oneMinus()));
    b.transition("memory.mp_suffix", "memory", c(MP).mul(n(MP).oneMinus()));
    b.transition("memory.mp_not_first", "memory", n(MP).mul(n(MN)));
    b.transition("memory.mw_bool", "memory", n(MW).mul(n(MW).oneMinus()));
    b.transition("memory.mp_no_write", "memory", n(MP).mul(n(MW)));
    b.transition("memory.read", "memory", n(MN).oneMinus().mul(n(MW).oneMinus()).mul(n(MV).sub(c(MV))));
    b.transition("memory.init_clock", "memory", n(MN).mul(n(MC)));
    b.transition("memory.clock", "memory",
        Expr.ONE.sub(n(MN)).sub(n(MP)).mul(n(MD).sub(n(MC)).add(c(MC)).add(1)));
  }

  /** (L' − L)·D1·D2 − s1·D2 − s2·D1: one row adds s1/D1 + s2/D2. */
  private void bus(String name, String family, Column l, Expr s1, Expr d1, Expr s2, Expr d2) {
    b.transition(name, family, l.next().sub(l.cur()).mul(d1).mul(d2).sub(s1.mul(d2)).sub(s2.mul(d1)));
  }

  private void buses() {
    Expr beta = ch[VmChallenges.BETA];
    Expr beta2 = beta.mul(beta);
    Expr beta3 = beta2.mul(beta);
    Expr ap = ch[VmChallenges.ALPHA_P];
    Expr dq = ap.sub(c(PC).add(beta.mul(c(WORD))).add(beta2.mul(c(IMM))));
    Expr dt = ap.sub(pre[PPC].cur().add(beta.mul(pre[PWORD].cur())).add(beta2.mul(pre[PIMM].cur())));
    bus("bus.program", "bus.program", lp, f(Opcode.STALL).oneMinus(), dq, c(PM).neg(), dt);

    Expr am = ch[VmChallenges.ALPHA_M];
    // a POSEIDON micro-row is one memory access: a read (pw = 0) or a write (pw = 1)
    Expr write = poseidon ? f(Opcode.STORE).add(c(PW)) : f(Opcode.STORE);
    Expr queries = poseidon ? f(Opcode.LOAD).add(f(Opcode.STORE)).add(fPos()) : f(Opcode.LOAD).add(f(Opcode.STORE));
    Expr mq = am.sub(pre[RIDX].cur().add(1).add(beta.mul(c(MADDR))).add(beta2.mul(c(MVAL)))
        .add(beta3.mul(write)));
    Expr mt = am.sub(c(MC).add(beta.mul(c(MA))).add(beta2.mul(c(MV))).add(beta3.mul(c(MW))));
    Expr access = Expr.ONE.sub(c(MN)).sub(c(MP));
    bus("bus.memory", "bus.memory", lm, queries, mq, access.neg(), mt);

    Expr ar = ch[VmChallenges.ALPHA_R];
    bus("bus.range", "bus.range", lr, access, ar.sub(c(MD)), c(RM).neg(), ar.sub(pre[RIDX].cur()));

    Expr ab = ch[VmChallenges.ALPHA_B];
    Expr lt = f(Opcode.LT);
    bus("bus.byte_lo", "bus.byte", lb1, lt, ab.sub(c(K0)), lt, ab.sub(c(K0 + 1)));
    bus("bus.byte_hi", "bus.byte", lb2, lt, ab.sub(c(K0 + 2)), lt, ab.sub(c(K0 + 3)));
    b.transition("bus.byte_table", "bus.byte", lb3.next().sub(lb3.cur()).mul(ab.sub(pre[BYTE].cur())).add(c(BM)));
  }

  private void accumulators() {
    Expr gin = ch[VmChallenges.GAMMA_IN];
    Expr gout = ch[VmChallenges.GAMMA_OUT];
    b.transition("horner.in", "horner",
        ein.next().sub(ein.cur()).sub(f(Opcode.READ).mul(gin.sub(1).mul(ein.cur()).add(c(RES)))));
    b.transition("horner.out", "horner",
        eout.next().sub(eout.cur()).sub(f(Opcode.WRITE).mul(gout.sub(1).mul(eout.cur()).add(c(A)))));
    Expr aio = ch[VmChallenges.ALPHA_IO];
    Expr beta = ch[VmChallenges.BETA];
    b.transition("fingerprint.in", "fingerprint",
        min.next().sub(min.cur()).mul(aio.sub(n(MA)).sub(beta.mul(n(MV)))).sub(n(MN)));
    b.transition("fingerprint.out", "fingerprint",
        mout.next().sub(mout.cur()).mul(aio.sub(c(MA)).sub(beta.mul(c(MV)))).sub(n(MN)));
  }

  private void boundaries(int memoryWords, boolean checkInput) {
    Expr aio = ch[VmChallenges.ALPHA_IO];
    Expr beta = ch[VmChallenges.BETA];
    Expr fingerprintDen = aio.sub(c(MA)).sub(beta.mul(c(MV)));
    b.first("first.pc", "first", c(PC).sub(pubBase[VmPublics.PC_START]));
    for (int i = 1; i < 8; i++) {
      b.first("first.r" + i, "first", c(R0 + i).sub(pubBase[VmPublics.R_START + i - 1]));
    }
    b.first("first.icnt", "first", c(ICNT));
    b.first("first.ocnt", "first", c(OCNT));
    b.first("first.ma", "first", c(MA));
    b.first("first.mn", "first", c(MN).sub(1));
    b.first("first.mp", "first", c(MP));
    b.first("first.mc", "first", c(MC));
    Column[] zeroAtStart = {lp, lm, lr, lb1, lb2, lb3, ein, eout, mout};
    for (Column col : zeroAtStart) {
      b.first("first." + col.name(), "first", col.cur());
    }
    b.first("first.Min", "first", min.cur().mul(fingerprintDen).sub(1));

    b.last("last.pc", "last", c(PC).sub(pubBase[VmPublics.PC_END]));
    for (int i = 1; i < 8; i++) {
      b.last("last.r" + i, "last", c(R0 + i).sub(pubBase[VmPublics.R_END + i - 1]));
    }
    b.last("last.icnt", "last", c(ICNT).sub(pubBase[VmPublics.IN_LEN]));
    b.last("last.ocnt", "last", c(OCNT).sub(pubBase[VmPublics.OUT_LEN]));
    b.last("last.ma", "last", c(MA).sub(memoryWords - 1L));
    b.last("last.mp", "last", c(MP).sub(1));
    b.last("last.pm", "last", c(PM));
    b.last("last.rm", "last", c(RM));
    b.last("last.bm", "last", c(BM));
    b.last("last.Lp", "last", lp.cur());
    b.last("last.Lm", "last", lm.cur());
    b.last("last.Lr", "last", lr.cur());
    b.last("last.Lb", "last", lb1.cur().add(lb2.cur()).add(lb3.cur()));
    if (checkInput) {
      b.last("last.Ein", "last", ein.cur().sub(pubExt[VmPublics.E_IN]));
    }
    b.last("last.Eout", "last", eout.cur().sub(pubExt[VmPublics.E_OUT]));
    b.last("last.Min", "last", min.cur().sub(pubExt[VmPublics.MEM_IN]));
    b.last("last.Mout", "last", pubExt[VmPublics.MEM_OUT].sub(mout.cur()).mul(fingerprintDen).sub(1));
  }
}
