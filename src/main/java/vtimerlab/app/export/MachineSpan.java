package vtimerlab.app.export;

import java.math.BigInteger;
import java.util.Locale;

import vtimerlab.scenario.ScenarioParser;

/**
 * A span of machine time between two frames of an animation: counter ticks, as the scenario language's
 * {@code advance T} counts them, or nanoseconds, microseconds, milliseconds or seconds of the system counter at the
 * machine's frequency ({@code machine ... freq=HZ}). Written {@code 1000} or {@code 1000ticks} (ticks), {@code 250ns},
 * {@code 10us} (or {@code 10µs}), {@code 2ms}, {@code 1s}. Plain Java: the command line checks it before any toolkit
 * starts.
 *
 * @param amount how many {@code unit}s, at least 1
 */
public record MachineSpan(long amount, Unit unit) {

    /** What a span counts in: the counter's ticks, or time at the counter's frequency. */
    public enum Unit {
        TICKS("ticks", 0),
        NS("ns", 1L),
        US("µs", 1_000L),
        MS("ms", 1_000_000L),
        S("s", 1_000_000_000L);

        private final String label;
        private final long nanos;

        Unit(String label, long nanos) {
            this.label = label;
            this.nanos = nanos;
        }

        /** As the window writes it: "ticks", "µs", ... */
        public String label() {
            return label;
        }

        /** The unit written {@code text} ("", "ticks", "ns", "us", "µs", "ms", "s"), or null. */
        static Unit of(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "", "tick", "ticks" -> TICKS;
                case "ns" -> NS;
                case "us", "µs", "μs" -> US;
                case "ms" -> MS;
                case "s" -> S;
                default -> null;
            };
        }
    }

    public MachineSpan {
        if (amount < 1) {
            throw new IllegalArgumentException("a span of machine time is at least 1 " + unit.label());
        }
    }

    /** What {@code --every} and the dialog accept, for messages. */
    public static final String SYNTAX = "a number of counter ticks (as 'advance T' counts them), or a time with a "
            + "unit: 1000, 1000ticks, 500ns, 10us, 2ms, 1s";

    /**
     * The span written {@code text}. The number is read by the scenario language's own rule for {@code advance T}
     * (decimal, or hex written 0x...).
     *
     * @throws IllegalArgumentException with a message naming {@code text} and what is accepted
     */
    public static MachineSpan parse(String text) {
        java.util.regex.Matcher m = WRITTEN.matcher(text == null ? "" : text.strip());
        Unit unit = m.matches() ? Unit.of(m.group(2).strip()) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a span of machine time: give " + SYNTAX);
        }
        String number = m.group(1);
        long amount;
        try {
            amount = ScenarioParser.ticks(number);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a span of machine time: give " + SYNTAX, e);
        }
        if (amount < 1) {
            throw new IllegalArgumentException("'" + text + "' is no time at all: give at least 1 " + unit.label());
        }
        return new MachineSpan(amount, unit);
    }

    /** A number (decimal, or hex written 0x...) and an optional unit. */
    private static final java.util.regex.Pattern WRITTEN = java.util.regex.Pattern.compile(
            "(0[xX][0-9a-fA-F]+|[0-9]+)\\s*(\\D*)");

    /** The span in counter ticks at {@code freq} Hz: a time is rounded up to whole ticks, and is at least 1 tick. */
    public long ticks(long freq) {
        if (unit == Unit.TICKS) {
            return amount;
        }
        BigInteger ns = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(unit.nanos));
        BigInteger ticks = ns.multiply(BigInteger.valueOf(freq)).add(BigInteger.valueOf(999_999_999L))
                .divide(BigInteger.valueOf(1_000_000_000L));
        return Math.max(1, ticks.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    }

    /** As {@code --every} takes it: "10us", "1000" (ticks); {@link #parse} reads it back. */
    public String written() {
        return amount + switch (unit) {
            case TICKS -> "";
            case US -> "us";
            default -> unit.label;
        };
    }

    /** As the window writes it: "10 µs", "1,000 ticks". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d %s", amount, amount == 1 && unit == Unit.TICKS ? "tick" : unit.label);
    }

    /** A counter frequency as the window writes it: "100 MHz", "62.5 MHz", "24 kHz", "1 GHz", "7 Hz". */
    public static String frequency(long hz) {
        String[] units = {"Hz", "kHz", "MHz", "GHz"};
        java.math.BigDecimal f = java.math.BigDecimal.valueOf(hz);
        int u = 0;
        while (u < units.length - 1 && f.compareTo(java.math.BigDecimal.valueOf(1000)) >= 0) {
            f = f.movePointLeft(3);
            u++;
        }
        return f.round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() + " " + units[u];
    }

    /** The span as counter ticks and time at {@code freq} Hz: "= 1,000 ticks (10 µs) at 100 MHz". */
    public String atFrequency(long freq) {
        return "= " + describe(ticks(freq), freq) + " at " + frequency(freq);
    }

    /** How {@code ticks} at {@code freq} Hz reads: "2,500 ticks (25 µs)". */
    public static String describe(long ticks, long freq) {
        java.math.BigDecimal us = new java.math.BigDecimal(BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(
                1_000_000L))).divide(java.math.BigDecimal.valueOf(freq), new java.math.MathContext(3));
        String time = us.compareTo(java.math.BigDecimal.valueOf(1000)) >= 0
                ? us.movePointLeft(3).stripTrailingZeros().toPlainString() + " ms"
                : us.stripTrailingZeros().toPlainString() + " µs";
        return String.format(Locale.ROOT, "%,d %s (%s)", ticks, ticks == 1 ? "tick" : "ticks", time);
    }
}
