package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void validSequencesOfEveryLength() {
        assertThat(Utf8.firstInvalid("a é € 𝄞".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isEqualTo(-1); // U+10FFFF
        assertThat(Utf8.firstInvalid(bytes(0xEF, 0xBF, 0xBF))).isEqualTo(-1); // U+FFFF
        assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
    }

    @Test
    void invalidSequencesAreFoundAtTheirLeadByte() {
        assertThat(Utf8.firstInvalid(bytes('a', 0x80))).as("lone continuation").isEqualTo(1);
        assertThat(Utf8.firstInvalid(bytes('a', 'b', 0xC0, 0xAF))).as("overlong '/'").isEqualTo(2);
        assertThat(Utf8.firstInvalid(bytes(0xE0, 0x80, 0xAF))).as("overlong 3-byte").isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes(0xF0, 0x80, 0x80, 0xAF))).as("overlong 4-byte").isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes(0xED, 0xA0, 0x80))).as("surrogate U+D800").isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80))).as("U+110000").isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes('x', 0xE2, 0x82))).as("truncated").isEqualTo(1);
        assertThat(Utf8.firstInvalid(bytes(0xC3, 'a'))).as("bad continuation").isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes(0xFF))).isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes(0xE9))).as("Latin-1 é").isEqualTo(0);
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(7L);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
            0x90, 0x9F, 0xA0, 0x8F};
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(256));
            }
            assertThat(Utf8.isValid(b)).as("%s", java.util.HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
