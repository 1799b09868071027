package vtimerlab.engine.trace;

import vtimerlab.engine.TimerRegister;

/**
 * What a trace line is about, as fields: a register, an interrupt (INTID), a list register, or several of them (a
 * list register written with vINTID 27 names both). Views and lessons read these, never the wording, to know which
 * diagram element a line changes.
 *
 * @param register the register read or written, or null
 * @param intid    the interrupt concerned (physical or virtual INTID), or -1
 * @param lr       the list register index, or -1
 */
public record Subject(TimerRegister register, int intid, int lr) {

    public static final Subject NONE = new Subject(null, -1, -1);

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

    public boolean isNone() {
        return register == null && intid < 0 && lr < 0;
    }

    private static final TimerRegister[] REGISTERS = TimerRegister.values();

    /** Packed in one int for the trace's columns: register + 1 (6 bits), intid + 1 (11 bits), lr + 1 (6 bits). */
    public int pack() {
        return (register == null ? 0 : register.ordinal() + 1) | (intid + 1) << 6 | (lr + 1) << 17;
    }

    public static Subject unpack(int packed) {
        if (packed == 0) {
            return NONE;
        }
        int r = packed & 0x3f;
        return new Subject(r == 0 ? null : REGISTERS[r - 1], ((packed >>> 6) & 0x7ff) - 1, ((packed >>> 17) & 0x3f) - 1);
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
