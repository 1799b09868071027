package vtimerlab.engine;

/**
 * What a message may repeat of someone's input: every control or formatting character written as an escape
 * ({@code \t}, {@code \n}, {@code \r}, else {@code \}{@code uXXXX}), so a stray byte cannot garble or recolour a
 * terminal, and at most {@link #LIMIT} characters, the rest cut off with an ellipsis, so a runaway line cannot flood
 * it. The message keeps its {@code FILE:LINE:} prefix and says what is wrong; the echo only shows where.
 */
public final class Echo {
    /** Echoed input is cut to this many characters (the ellipsis included). */
    public static final int LIMIT = 60;

    private Echo() {
    }

    /** {@code text} escaped and cut for a message. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String piece = escape(cp);
            if (sb.length() + piece.length() > LIMIT - 1 && i + Character.charCount(cp) < text.length()
                    || sb.length() + piece.length() > LIMIT) {
                return sb.append('\u2026').toString();
            }
            sb.append(piece);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static String escape(int cp) {
        switch (cp) {
            case '\t':
                return "\\t";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            default:
                break;
        }
        int type = Character.getType(cp);
        if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            if (cp > 0xFFFF) {
                return String.format("\\u%04x\\u%04x", (int) Character.highSurrogate(cp),
                        (int) Character.lowSurrogate(cp));
            }
            return String.format("\\u%04x", cp);
        }
        return new String(Character.toChars(cp));
    }
}
