package dev.zisk4j.engine.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.air.toy.LogUpAir;
import org.junit.jupiter.api.Test;

class ProofOptionsTest {
    @Test
    void defaultsAndSecurity() {
        ProofOptions o = ProofOptions.DEFAULT;
        assertThat(o.blowup()).isEqualTo(8);
        assertThat(o.numQueries()).isEqualTo(30);
        assertThat(o.grindingBits()).isEqualTo(16);
        assertThat(o.logFold()).isEqualTo(2);
        // design §4.2: min(128 − 19, 30·3 + 16) − 1 = 105 at N = 2^16, 104 at 2^20
        assertThat(o.conjecturedBits(16)).isEqualTo(105);
        assertThat(o.conjecturedBits(20)).isEqualTo(104);
        assertThat(new ProofOptions(2, 2, 42, 16).conjecturedBits(16)).isEqualTo(99);
        // grinding counts only once the queries alone give 80 bits (Winterfell's floor)
        assertThat(new ProofOptions(2, 2, 39, 32).conjecturedBits(16)).isEqualTo(77);
        assertThat(new ProofOptions(2, 2, 40, 32).conjecturedBits(16)).isEqualTo(109);
        assertThat(new ProofOptions(1, 2, 72, 32).conjecturedBits(16)).isEqualTo(71);
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertThatThrownBy(() -> new ProofOptions(0, 2, 30, 16)).hasMessageContaining("logBlowup=0");
        assertThatThrownBy(() -> new ProofOptions(3, 1, 30, 16)).hasMessageContaining("logFold=1");
        assertThatThrownBy(() -> new ProofOptions(3, 2, 0, 16)).hasMessageContaining("numQueries=0");
        assertThatThrownBy(() -> new ProofOptions(3, 2, 256, 16)).hasMessageContaining("numQueries=256");
        assertThatThrownBy(() -> new ProofOptions(3, 2, 30, 33)).hasMessageContaining("grindingBits=33");
    }

    @Test
    void shapeRejectsDegreeAboveBlowupAndBadSizes() {
        var cs = new LogUpAir().constraints();
        assertThatThrownBy(() -> ProofShape.of(cs, 10, new ProofOptions(1, 2, 30, 16)))
                .hasMessageContaining("maxDegree=3, blowup=2");
        assertThatThrownBy(() -> ProofShape.of(cs, 2, ProofOptions.DEFAULT)).hasMessageContaining("logN=2");
        assertThatThrownBy(() -> ProofShape.of(cs, 27, ProofOptions.DEFAULT)).hasMessageContaining("logN=27");
        assertThatThrownBy(() -> ProofShape.of(cs, 22, ProofOptions.DEFAULT)).hasMessageContaining("max logN+logBlowup=24");
        assertThat(ProofShape.of(cs, 21, ProofOptions.DEFAULT).logLde()).isEqualTo(24);
        ProofShape s = ProofShape.of(cs, 16, ProofOptions.DEFAULT);
        assertThat(s.friLayers()).isEqualTo(6);
        assertThat(s.remainderDegree()).isEqualTo(16);
        assertThat(s.mainNext()).isEmpty();
        assertThat(s.auxNext()).containsExactly(0);
    }
}
