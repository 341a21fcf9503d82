package io.ticketpulse.domain;

/**
 * Makes input text safe to show in alert summaries, terminals, pagers and chat: every code point that is not
 * printable is replaced by an escape, {@code \\uXXXX} (or {@code \\U00XXXXXX} beyond the BMP), so no id can
 * move a cursor, colour a terminal, forge a line or reverse the text around it. Not printable: control
 * characters (C0, DEL, C1), format characters (e.g. bidi overrides, zero-width), line and paragraph separators,
 * unpaired surrogates, private-use and unassigned code points. Printable text, including any non-ASCII letter,
 * symbol or emoji, is kept as it is, and so is {@code \\} (the escapes are for reading, not reversible), which
 * makes escaping idempotent: escaped text escapes to itself. Plain Java.
 */
public final class PrintableText {

    private PrintableText() {}

    /** {@code text} with every unprintable code point escaped; null stays null. */
    public static String escape(String text) {
        if (text == null || allPrintableAscii(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xFFFF) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.append(String.format("\\U%08X", cp));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static boolean allPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
