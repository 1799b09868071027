package vtimerlab.engine.trace;

import java.util.Locale;

/**
 * A state a trace line leaves an interrupt or a list register in, as a field: the four states of an interrupt in the
 * GIC (GICv3 4.1.2) and, for a list register only, {@link #INVALID} (ICH_LR&lt;n&gt;_EL2.State = 0b00, it holds
 * nothing). Views read it instead of the state spelled in a line's words.
 */
public enum GicState {
    INVALID, INACTIVE, PENDING, ACTIVE, ACTIVE_PENDING;

    private static final GicState[] ALL = values();

    /** The state named {@code name} in the engine's own enums (the interrupt's and the list register's). */
    public static GicState named(String name) {
        return "PENDING_ACTIVE".equals(name) ? ACTIVE_PENDING : valueOf(name);
    }

    /** As the scenario language spells it: {@code active_pending}. */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it includes pending (the line of a level-sensitive interrupt is high, or a pending LR). */
    public boolean pending() {
        return this == PENDING || this == ACTIVE_PENDING;
    }

    /** Whether it includes active. */
    public boolean active() {
        return this == ACTIVE || this == ACTIVE_PENDING;
    }

    /** 0 for none, else ordinal + 1 (three bits). */
    static int pack(GicState s) {
        return s == null ? 0 : s.ordinal() + 1;
    }

    static GicState unpack(int bits) {
        return bits == 0 ? null : ALL[bits - 1];
    }
}
