package dev.zisk4j.engine.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Known answers computed independently with Python's hashlib from the byte rules in {@link Transcript}. */
class TranscriptTest {
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void knownAnswers() {
        Transcript t = Transcript.create(Transcript.LABEL_STARK);
        assertThat(hex(t.state())).isEqualTo("a714f7cd04711a8242c7b4395d10da889d0dac8a151e23c50e786455f51eb625");
        t.absorb(TranscriptTag.CONFIG, new byte[] {1, 2, 3});
        assertThat(hex(t.state())).isEqualTo("eff5a515d4d1ff7ecebc1f3f59f7f4e9669c7370749c4e1cf4ab687d4fa06f6f");
        assertThat(t.squeezeBase()).isEqualTo(Long.parseUnsignedLong("17197046314736681316"));
        assertThat(t.squeezeExt(ExtField.QUADRATIC)).isEqualTo(ExtField.QUADRATIC.element(Long.parseUnsignedLong("11010217349835425907"),
                Long.parseUnsignedLong("15086255324734817154")));
        assertThat(t.squeezeIndex(10)).isEqualTo(430);
        long nonce = t.grind(12);
        assertThat(nonce).isEqualTo(214);
        assertThat(t.checkPow(12, nonce)).isTrue();
        assertThat(t.checkPow(12, nonce - 1)).isFalse();
        t.absorbLongs(TranscriptTag.POW_NONCE, nonce);
        assertThat(hex(t.state())).isEqualTo("882f640b767dea4a0a360843963d3f304af3cbb3745bbabbe61c7d6756215909");
    }

    @Test
    void tagCodesArePinnedAndDistinct() {
        assertThat(TranscriptTag.CONFIG.code()).isEqualTo(1);
        assertThat(TranscriptTag.MAIN_ROOT.code()).isEqualTo(5);
        assertThat(TranscriptTag.AUX_ROOT.code()).isEqualTo(7);
        assertThat(TranscriptTag.COMP_ROOT.code()).isEqualTo(8);
        assertThat(TranscriptTag.OOD_VALUES.code()).isEqualTo(9);
        assertThat(TranscriptTag.FRI_ROOT.code()).isEqualTo(10);
        assertThat(TranscriptTag.POW_NONCE.code()).isEqualTo(12);
        assertThat(TranscriptTag.GLOBAL_SEED.code()).isEqualTo(25);
        Set<Integer> codes = new HashSet<>();
        for (TranscriptTag tag : EnumSet.allOf(TranscriptTag.class)) {
            assertThat(codes.add(tag.code())).as(tag.name()).isTrue();
            assertThat(tag.code()).isBetween(1, 255);
        }
    }

    @Test
    void tagsAndLabelsSeparateDomains() {
        Transcript a = Transcript.create(Transcript.LABEL_STARK);
        Transcript b = Transcript.create(Transcript.LABEL_SEGMENT);
        assertThat(a.state()).isNotEqualTo(b.state());
        Transcript c = a.fork();
        a.absorb(TranscriptTag.MAIN_ROOT, new byte[32]);
        c.absorb(TranscriptTag.AUX_ROOT, new byte[32]);
        assertThat(a.state()).isNotEqualTo(c.state());
    }

    @Test
    void leadingZeroBits() {
        assertThat(Transcript.leadingZeroBits(new byte[] {0, 0, (byte) 0x80})).isEqualTo(16);
        assertThat(Transcript.leadingZeroBits(new byte[] {0, 1})).isEqualTo(15);
        assertThat(Transcript.leadingZeroBits(new byte[] {0x40})).isEqualTo(1);
    }
}
