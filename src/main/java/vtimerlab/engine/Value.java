package vtimerlab.engine;

/** A value read at a state path: a number (registers, counters, flags 0/1) or a symbol (a state or mode name). */
public sealed interface Value permits Value.Num, Value.Sym {

    record Num(long value) implements Value {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Sym(String value) implements Value {
        @Override
        public String toString() {
            return value;
        }
    }

    static Value of(long v) {
        return new Num(v);
    }

    static Value of(boolean b) {
        return new Num(b ? 1 : 0);
    }

    static Value of(String s) {
        return new Sym(s);
    }
}
