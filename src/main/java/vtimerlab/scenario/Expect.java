package vtimerlab.scenario;

import java.util.Locale;

import vtimerlab.engine.Value;

/**
 * A check, {@code expect PATH OP VALUE}.
 *
 * <p>Comparison rules: a number read at a register-valued path ({@code time} and paths ending in {@code .cval},
 * {@code .cntvct}, {@code .cntvoff}) compares as unsigned 64-bit; every other number compares as signed 64-bit
 * ({@code tval} is signed). A name (state, mode) compares with {@code ==} / {@code !=} only, ignoring case. A number
 * never equals a name.
 *
 * @param path  the state path, lower case
 * @param op    the comparison
 * @param value the expected value ({@link Value.Num} or {@link Value.Sym}); ordering ops always carry a number
 */
public record Expect(String path, Op op, Value value) {

    /** The comparison operators of the language. */
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** As written in a scenario, e.g. {@code <=}. */
        public String symbol() {
            return symbol;
        }

        /** True for {@code <}, {@code <=}, {@code >}, {@code >=}, which need numbers. */
        public boolean ordering() {
            return this != EQ && this != NE;
        }

        /** The operator written as {@code text}, or null. */
        public static Op parse(String text) {
            for (Op op : values()) {
                if (op.symbol.equals(text)) {
                    return op;
                }
            }
            return null;
        }

        boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    public Expect {
        path = path.toLowerCase(Locale.ROOT);
        if (op.ordering() && !(value instanceof Value.Num)) {
            throw new IllegalArgumentException("'" + op.symbol + "' needs a number, got " + value);
        }
    }

    /** Whether numbers at this path compare (and print) as unsigned 64-bit. */
    public boolean unsigned() {
        return StatePaths.isUnsigned(path);
    }

    /** Whether the check holds for the value actually read at {@link #path()}. */
    public boolean holds(Value actual) {
        if (value instanceof Value.Sym expected) {
            boolean same = actual instanceof Value.Sym a && a.value().equalsIgnoreCase(expected.value());
            return op == Op.EQ ? same : op == Op.NE && !same;
        }
        long expected = ((Value.Num) value).value();
        if (!(actual instanceof Value.Num a)) {
            return op == Op.NE;
        }
        int cmp = unsigned() ? Long.compareUnsigned(a.value(), expected) : Long.compare(a.value(), expected);
        return op.test(cmp);
    }

    /** The value as this path prints it: unsigned where the path is a 64-bit register or counter. */
    public String show(Value v) {
        if (v instanceof Value.Num n) {
            return unsigned() ? Long.toUnsignedString(n.value()) : Long.toString(n.value());
        }
        return v.toString();
    }

    /** Canonical scenario text, e.g. {@code expect vcpu0.timer.tval < 0}. */
    public String text() {
        return "expect " + path + " " + op.symbol + " " + show(value);
    }
}
