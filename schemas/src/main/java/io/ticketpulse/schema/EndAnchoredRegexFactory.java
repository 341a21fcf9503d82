package io.ticketpulse.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * JSON Schema {@code pattern}s on {@link java.util.regex}, with {@code $} meaning "end of input" as in ECMA-262
 * (the regex dialect of JSON Schema). Plain Java lets {@code $} match before a final line terminator too, so
 * {@code ^[a-z]+$} would accept {@code "web\n"}; here every {@code $} outside a character class becomes
 * {@code \z}. Matching is unanchored otherwise ({@code find}), as JSON Schema requires.
 */
final class EndAnchoredRegexFactory implements RegularExpressionFactory {

    static final EndAnchoredRegexFactory INSTANCE = new EndAnchoredRegexFactory();

    private EndAnchoredRegexFactory() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(translate(regex));
        return value -> pattern.matcher(value).find();
    }

    /** Replaces each unescaped {@code $} outside a character class with {@code \z}. */
    static String translate(String regex) {
        StringBuilder sb = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                sb.append(c).append(regex.charAt(++i));
            } else if (inClass) {
                inClass = c != ']';
                sb.append(c);
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
            } else if (c == '$') {
                sb.append("\\z");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
