package vtimerlab.scenario;

import java.math.BigInteger;
import java.util.Locale;

/** Numbers of the scenario language: decimal or {@code 0x} hex, an optional leading minus. */
final class Numbers {

    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    static final BigInteger S64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private Numbers() {
    }

    /** The number written as {@code text}, or null when it is not a number. */
    static BigInteger parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        BigInteger v;
        if (t.startsWith("0x")) {
            String digits = t.substring(2);
            if (digits.isEmpty() || !digits.matches("[0-9a-f]+")) {
                return null;
            }
            v = new BigInteger(digits, 16);
        } else {
            if (t.isEmpty() || !t.matches("[0-9]+")) {
                return null;
            }
            v = new BigInteger(t);
        }
        return negative ? v.negate() : v;
    }

    static boolean looksNumeric(String text) {
        return text.matches("-?[0-9].*");
    }

    /** The 64 bits of {@code v}, which must lie in -2^63 .. 2^64-1. */
    static long bits(BigInteger v) {
        return v.longValue();
    }

    static boolean within(BigInteger v, BigInteger min, BigInteger max) {
        return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
    }
}
