package io.ticketpulse.schema;

/** Strict UTF-8 (RFC 3629) checks on raw bytes: no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that is not part of valid UTF-8, or -1 if all of {@code b} is valid. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) { // ASCII, the common case
                i++;
                continue;
            }
            c &= 0xFF;
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    lo = 0xA0; // no overlong 3-byte forms
                } else if (c == 0xED) {
                    hi = 0x9F; // no UTF-16 surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    lo = 0x90; // no overlong 4-byte forms
                } else if (c == 0xF4) {
                    hi = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return i; // continuation byte without a lead, C0/C1 (overlong) or F5..FF
            }
            if (i + len > n) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    /** True if all of {@code b} is valid UTF-8. */
    static boolean isValid(byte[] b) {
        return firstInvalid(b) < 0;
    }
}
