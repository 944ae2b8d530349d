package dev.zisk4j.engine.vmair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.air.ColumnKind;
import dev.zisk4j.engine.air.Constraint;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.TraceLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VmAirTest {
  @Test
  void shapeMatchesTheDesign() {
    VmAir air = VmAir.of(TestGuests.image("fib"), InputMode.PUBLIC);
    assertThat(air.constraints().columnCount(ColumnKind.MAIN)).isEqualTo(72);
    assertThat(air.constraints().columnCount(ColumnKind.PRE)).isEqualTo(5);
    assertThat(air.constraints().columnCount(ColumnKind.AUX)).isEqualTo(10);
    assertThat(air.constraints().challengeNames()).hasSize(8);
    assertThat(air.constraints().constraints()).allMatch(c -> c.degree() <= 3);
    assertThat(VmAir.of(TestGuests.image("fib"), InputMode.PRIVATE).constraints().constraints())
        .extracting(Constraint::name).doesNotContain("last.Ein");
  }

  @ParameterizedTest
  @EnumSource(InputMode.class)
  void everyExampleGuestSatisfiesEveryConstraint(InputMode mode) throws Exception {
    Random rnd = new Random(1);
    long[] sortWords = rnd.longs(20, 0, 1L << 32).toArray();
    assertOk("sum", TestGuests.records(new long[] {1, 2, 3}), 1024, mode);
    assertOk("fib", TestGuests.records(new long[] {90}), 1024, mode);
    assertOk("mix", TestGuests.records(new long[] {5, 6}, new long[] {7}), 1024, mode);
    assertOk("checksum", TestGuests.records(rnd.longs(30).toArray()), 1024, mode);
    assertOk("sort", TestGuests.records(sortWords), 4096, mode);
    assertOk("merkle", TestGuests.records(new long[] {1, 1, 0}), 1024, mode);
  }

  private static void assertOk(String guest, byte[] input, int rows, InputMode mode) throws Exception {
    VmTraces t = VmTraces.build(TestGuests.image(guest), input, rows, 64, mode);
    assertThat(t.trace().outcome().halted()).as(guest + " halted").isTrue();
    CheckReport report = t.check(t.trace().main());
    assertThat(report.ok()).as(guest + ": " + report).isTrue();
  }

  @Test
  void memoryRegionHoldsEveryAddressOnceThenPadding() throws Exception {
    VmTraces t = VmTraces.build(TestGuests.image("sort"), TestGuests.records(new long[] {3, 1, 2}), 1024, 64,
        InputMode.PUBLIC);
    long[][] m = t.trace().main();
    long initials = 0;
    for (int i = 0; i < 1024; i++) {
      initials += m[TraceLayout.MN][i];
    }
    assertThat(initials).isEqualTo(64);
    assertThat(m[TraceLayout.MP][1023]).isEqualTo(1);
    assertThat(t.trace().outputs()).containsExactly(1, 2, 3);
  }
}
