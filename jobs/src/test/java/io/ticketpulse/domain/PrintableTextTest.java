package io.ticketpulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrintableTextTest {

    static Stream<Arguments> unprintable() {
        return Stream.of(
                Arguments.of("NUL", "T-\u0000-1", "T-\\u0000-1"),
                Arguments.of("ESC colour", "T-\u001b[31mred", "T-\\u001B[31mred"),
                Arguments.of("newline (forged line)", "T-1\nALERT resolved", "T-1\\u000AALERT resolved"),
                Arguments.of("carriage return", "T-1\rX", "T-1\\u000DX"),
                Arguments.of("DEL", "T-\u007f", "T-\\u007F"),
                Arguments.of("C1 NEL", "T-\u0085", "T-\\u0085"),
                Arguments.of("C1 CSI", "T-\u009b2J", "T-\\u009B2J"),
                Arguments.of("bidi override", "T-\u202etxt.exe", "T-\\u202Etxt.exe"),
                Arguments.of("zero-width space", "T-\u200b1", "T-\\u200B1"),
                Arguments.of("line separator", "T-\u2028", "T-\\u2028"),
                Arguments.of("lone high surrogate", "T-\ud800", "T-\\uD800"),
                Arguments.of("lone low surrogate", "T-\udc00-1", "T-\\uDC00-1"),
                Arguments.of("private use", "T-\ue000", "T-\\uE000"),
                Arguments.of("unassigned astral", "T-\udb40\udc80", "T-\\U000E0080"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unprintable")
    void escapesWhatIsNotPrintable(String what, String raw, String escaped) {
        assertThat(PrintableText.escape(raw)).isEqualTo(escaped);
        assertThat(PrintableText.escape(escaped)).isEqualTo(escaped);
    }

    @Test
    void keepsPrintableTextAsItIs() {
        String text = "T-42 caf\u00e9 \u4e2d\u6587 \ud83d\ude00 \\u0041 \"quoted\"";

        assertThat(PrintableText.escape(text)).isEqualTo(text);
        assertThat(PrintableText.escape("plain ASCII")).isSameAs("plain ASCII");
        assertThat(PrintableText.escape(null)).isNull();
    }
}
