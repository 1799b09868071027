package vtimerlab.engine.trace;

import vtimerlab.engine.TimerRegister;

/**
 * What a trace line is about, as fields: a register, an interrupt (INTID), a list register, or several of them (a
 * list register written with vINTID 27 names both). Views and lessons read these, never the wording, to know which
 * diagram element a line changes.
 *
 * <p>A line that changes the state of an interrupt or a list register also says which, as fields: {@code from} and
 * {@code to} for the interrupt in the physical GIC (the redistributor of the line's CPU), {@code lrState} for the
 * list register. A guest's EOI of a list register with HW=1 names both: the list register's new state and the state
 * the HW link left the physical interrupt of the same INTID in (KVM's timer maps vINTID 27 to PPI 27).
 *
 * @param register the register read or written, or null
 * @param intid    the interrupt concerned (physical or virtual INTID), or -1
 * @param lr       the list register index, or -1
 * @param from     the physical interrupt's state before the line, where the line knows it, or null
 * @param to       the physical interrupt's state after the line, if the line changed or set it, or null
 * @param lrState  the list register's state after the line (a list register line), or null
 */
public record Subject(TimerRegister register, int intid, int lr, GicState from, GicState to, GicState lrState) {

    public static final Subject NONE = new Subject(null, -1, -1);

    /** A subject that changes no state. */
    public Subject(TimerRegister register, int intid, int lr) {
        this(register, intid, lr, null, null, null);
    }

    public Subject {
        if (intid < -1 || intid > 1023 || lr < -1 || lr > 62) {
            throw new IllegalArgumentException("subject intid " + intid + " lr " + lr);
        }
    }

    /** One per register and one per INTID, made once: code that names a subject allocates nothing. */
    private static final Subject[] BY_REGISTER = new Subject[TimerRegister.values().length];
    private static final Subject[] INTIDS = new Subject[1024];

    static {
        for (TimerRegister r : TimerRegister.values()) {
            BY_REGISTER[r.ordinal()] = new Subject(r, -1, -1);
        }
        for (int i = 0; i < INTIDS.length; i++) {
            INTIDS[i] = new Subject(null, i, -1);
        }
    }

    public static Subject register(TimerRegister r) {
        return BY_REGISTER[r.ordinal()];
    }

    public static Subject intid(int intid) {
        return intid >= 0 && intid < INTIDS.length ? INTIDS[intid] : new Subject(null, intid, -1);
    }

    /** A register access about an interrupt: ICC_IAR1_EL1 returning 27, ICC_EOIR1_EL1 := 27. */
    public static Subject register(TimerRegister r, int intid) {
        return new Subject(r, intid, -1);
    }

    /** List register {@code lr}, holding {@code vintid} (-1 if it holds none). */
    public static Subject listRegister(int lr, int vintid) {
        return new Subject(null, vintid, lr);
    }

    /** The same subject, saying the physical interrupt went from {@code before} to {@code after} (null: unknown). */
    public Subject changing(GicState before, GicState after) {
        return new Subject(register, intid, lr, before, after, lrState);
    }

    /** The same subject, saying the list register is left in {@code state}. */
    public Subject leavingLr(GicState state) {
        return new Subject(register, intid, lr, from, to, state);
    }

    public boolean isNone() {
        return register == null && intid < 0 && lr < 0 && from == null && to == null && lrState == null;
    }

    private static final TimerRegister[] REGISTERS = TimerRegister.values();

    /**
     * Packed in one int for the trace's columns: register + 1 (6 bits), intid + 1 (11 bits), lr + 1 (6 bits), then
     * from, to and lrState (3 bits each, 0 for none).
     */
    public int pack() {
        return (register == null ? 0 : register.ordinal() + 1) | (intid + 1) << 6 | (lr + 1) << 17
                | GicState.pack(from) << 23 | GicState.pack(to) << 26 | GicState.pack(lrState) << 29;
    }

    public static Subject unpack(int packed) {
        if (packed == 0) {
            return NONE;
        }
        int r = packed & 0x3f;
        return new Subject(r == 0 ? null : REGISTERS[r - 1], ((packed >>> 6) & 0x7ff) - 1, ((packed >>> 17) & 0x3f) - 1,
                GicState.unpack((packed >>> 23) & 7), GicState.unpack((packed >>> 26) & 7),
                GicState.unpack((packed >>> 29) & 7));
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        if (register != null) {
            sb.append(register.name());
        }
        if (lr >= 0) {
            sb.append(sb.length() > 0 ? " " : "").append("LR").append(lr);
        }
        if (intid >= 0) {
            sb.append(sb.length() > 0 ? " " : "").append("INTID ").append(intid);
        }
        return sb.toString();
    }
}
