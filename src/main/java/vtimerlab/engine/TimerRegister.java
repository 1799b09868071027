package vtimerlab.engine;

import java.util.Locale;

/** The registers a scenario names, spelled as the architecture spells them. */
public enum TimerRegister {
    /** Virtual timer control: bit 0 ENABLE, bit 1 IMASK, bit 2 ISTATUS (read-only). ARM ARM, CNTV_CTL_EL0. */
    CNTV_CTL_EL0(true, true),
    /** Virtual timer compare value, absolute, 64-bit. ARM ARM, CNTV_CVAL_EL0. */
    CNTV_CVAL_EL0(true, true),
    /** Virtual timer value: signed 32-bit view of CVAL - CNTVCT. ARM ARM, CNTV_TVAL_EL0. */
    CNTV_TVAL_EL0(true, true),
    /** The guest's virtual count, CNTPCT - CNTVOFF. Read-only. ARM ARM D11.1.2 (an extension of the contract). */
    CNTVCT_EL0(true, false),
    /** The virtual offset: an EL2 register, the guest can neither read nor write it. */
    CNTVOFF_EL2(false, false),
    /** Reading it acknowledges the highest-priority pending (virtual) interrupt. GICv3 ICC_IAR1_EL1. */
    ICC_IAR1_EL1(true, false),
    /** Writing an INTID drops the running priority (and with EOImode 0 deactivates). GICv3 ICC_EOIR1_EL1. */
    ICC_EOIR1_EL1(false, true),
    /** Writing an INTID deactivates it (meaningful with EOImode 1). GICv3 ICC_DIR_EL1. */
    ICC_DIR_EL1(false, true);

    private final boolean guestReadable;
    private final boolean guestWritable;

    TimerRegister(boolean guestReadable, boolean guestWritable) {
        this.guestReadable = guestReadable;
        this.guestWritable = guestWritable;
    }

    public boolean guestReadable() {
        return guestReadable;
    }

    public boolean guestWritable() {
        return guestWritable;
    }

    /** Case-insensitive look-up; null when the name is not a register. */
    public static TimerRegister parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
