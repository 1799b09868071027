package vtimerlab.scenario;

import vtimerlab.engine.Value;

/**
 * A check that did not hold.
 *
 * @param file   the scenario file
 * @param line   the line of the {@code expect}
 * @param text   the check as written (blanks collapsed)
 * @param expect the check
 * @param actual the value read
 */
public record CheckFailure(String file, int line, String text, Expect expect, Value actual) {

    /** {@code FILE:LINE: expect PATH OP VALUE failed: actual ACTUAL}. */
    public String message() {
        String shown = expect.show(actual);
        String written = text.substring(text.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT);
        if (actual instanceof Value.Num n && (written.startsWith("0x") || written.startsWith("-0x"))) {
            long x = n.value();
            String hex = !expect.unsigned() && x < 0 && x != Long.MIN_VALUE
                    ? "-0x" + Long.toHexString(-x) : "0x" + Long.toHexString(x);
            shown = hex + " (" + shown + ")";
        }
        return file + ":" + line + ": " + text + " failed: actual " + shown;
    }

    @Override
    public String toString() {
        return message();
    }
}
