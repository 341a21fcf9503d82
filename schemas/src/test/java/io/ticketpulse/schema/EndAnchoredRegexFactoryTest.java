package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.regex.RegularExpression;
import org.junit.jupiter.api.Test;

class EndAnchoredRegexFactoryTest {

    @Test
    void dollarOutsideAClassBecomesEndOfInput() {
        assertThat(EndAnchoredRegexFactory.translate("^[a-z]+$")).isEqualTo("^[a-z]+\\z");
        assertThat(EndAnchoredRegexFactory.translate("^(a$|b$)")).isEqualTo("^(a\\z|b\\z)");
    }

    @Test
    void escapedDollarAndDollarInAClassStayLiteral() {
        assertThat(EndAnchoredRegexFactory.translate("\\$[$]\\\\$")).isEqualTo("\\$[$]\\\\\\z");
        assertThat(EndAnchoredRegexFactory.translate("[\\]$]$")).isEqualTo("[\\]$]\\z");
    }

    @Test
    void finalNewlineDoesNotMatchButUnanchoredPatternsStillFind() {
        RegularExpression token = EndAnchoredRegexFactory.INSTANCE.getRegularExpression("^[a-z][a-z0-9_-]{0,31}$");
        RegularExpression digit = EndAnchoredRegexFactory.INSTANCE.getRegularExpression("[0-9]");

        assertThat(token.matches("email")).isTrue();
        assertThat(token.matches("email\n")).isFalse();
        assertThat(token.matches("Email")).isFalse();
        assertThat(digit.matches("abc7def")).isTrue();
    }
}
