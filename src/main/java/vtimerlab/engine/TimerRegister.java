package vtimerlab.engine;

import java.util.Locale;

/**
 * The registers a scenario names, spelled as the architecture spells them, with what the guest may do with each
 * and what a written value looks like. This is the registry of registers: the parser, the console's completion and
 * the language reference read it.
 */
public enum TimerRegister {
    /** Virtual timer control: bit 0 ENABLE, bit 1 IMASK, bit 2 ISTATUS (read-only). ARM ARM, CNTV_CTL_EL0. */
    CNTV_CTL_EL0(true, true, Written.CONTROL,
            "virtual timer control: ENABLE (bit 0), IMASK (bit 1), ISTATUS (bit 2, read-only); written as a number "
                    + "or as fields enable=0|1 imask=0|1"),
    /** Virtual timer compare value, absolute, 64-bit. ARM ARM, CNTV_CVAL_EL0. */
    CNTV_CVAL_EL0(true, true, Written.UNSIGNED_64,
            "virtual timer compare value: the timer fires once CNTVCT_EL0 >= CVAL (unsigned 64-bit)"),
    /** Virtual timer value: signed 32-bit view of CVAL - CNTVCT. ARM ARM, CNTV_TVAL_EL0. */
    CNTV_TVAL_EL0(true, true, Written.SIGNED_32,
            "virtual timer value: CVAL - CNTVCT as a signed 32-bit number; writing it sets CVAL := CNTVCT + value"),
    /** The guest's virtual count, CNTPCT - CNTVOFF. Read-only. ARM ARM D11.1.2 (an extension of the contract). */
    CNTVCT_EL0(true, false, Written.NONE, "the guest's virtual count: the system counter minus CNTVOFF_EL2 (read-only)"),
    /** The virtual offset: an EL2 register, the guest can neither read nor write it. */
    CNTVOFF_EL2(false, false, Written.NONE,
            "the virtual offset, an EL2 register only the hypervisor writes ('host set-counter' changes it)"),
    /** Reading it acknowledges the highest-priority pending (virtual) interrupt. GICv3 ICC_IAR1_EL1. */
    ICC_IAR1_EL1(true, false, Written.NONE,
            "interrupt acknowledge: reading it takes the highest-priority pending interrupt (same as 'ack')"),
    /** Writing an INTID drops the running priority (and with EOImode 0 deactivates). GICv3 ICC_EOIR1_EL1. */
    ICC_EOIR1_EL1(false, true, Written.INTID,
            "end of interrupt: writing an INTID drops the running priority; with EOImode 0 it also deactivates "
                    + "(same as 'eoi INTID')"),
    /** Writing an INTID deactivates it (meaningful with EOImode 1). GICv3 ICC_DIR_EL1. */
    ICC_DIR_EL1(false, true, Written.INTID,
            "deactivate interrupt: writing an INTID deactivates it; only meaningful with EOImode 1 "
                    + "(same as 'dir INTID')"),
    /**
     * EL1 physical timer control, emulated by KVM: the guest's every access traps (CNTHCTL_EL2.EL1PCEN is clear
     * while the guest runs on a non-VHE host: v4.14 {@code __timer_restore_state}, v4.15 {@code __timer_enable_traps}
     * in {@code virt/kvm/arm/hyp/timer-sr.c}). ARM ARM, CNTP_CTL_EL0.
     */
    CNTP_CTL_EL0(true, true, Written.CONTROL,
            "physical timer control, emulated by KVM (every access traps): ENABLE (bit 0), IMASK (bit 1), ISTATUS "
                    + "(bit 2, read-only); written as a number or as fields enable=0|1 imask=0|1"),
    /** EL1 physical timer compare value, emulated (trapped). ARM ARM, CNTP_CVAL_EL0. */
    CNTP_CVAL_EL0(true, true, Written.UNSIGNED_64,
            "physical timer compare value, emulated by KVM (every access traps): it fires once the physical count "
                    + "CNTPCT_EL0 >= CVAL"),
    /**
     * EL1 physical timer value, emulated (trapped). KVM's {@code access_cntp_tval} (arch/arm64/kvm/sys_regs.c, v4.14
     * and v4.15) takes the whole 64-bit Xt: CVAL := now + Xt, neither truncated nor sign-extended from bit 31.
     */
    CNTP_TVAL_EL0(true, true, Written.REGISTER_64,
            "physical timer value, emulated by KVM (every access traps): a write sets CVAL := CNTPCT + the whole "
                    + "64-bit register (v4.14/v4.15 do not truncate it to 32 bits: -5 is sign-extended, 0xFFFFFFFF "
                    + "is +4294967295); a read gives CVAL - CNTPCT"),
    /** The physical count: the guest reads it without a trap (CNTHCTL_EL2.EL1PCTEN set) and with no offset. */
    CNTPCT_EL0(true, false, Written.NONE,
            "the physical count, the system counter itself: the guest reads it without a trap and without an "
                    + "offset (read-only)");

    /** What a value written to a register looks like. */
    public enum Written {
        /** Not written by the guest. */
        NONE,
        /** 0..2^64-1, decimal or 0x hex. */
        UNSIGNED_64,
        /** -2^31..2^31-1. */
        SIGNED_32,
        /** The whole 64-bit register: -2^63..2^64-1, a negative decimal sign-extended, hex taken as written. */
        REGISTER_64,
        /** A number, or the fields enable=0|1 imask=0|1. */
        CONTROL,
        /** An interrupt ID, 0..1023. */
        INTID
    }

    private final boolean guestReadable;
    private final boolean guestWritable;
    private final Written written;
    private final String doc;

    TimerRegister(boolean guestReadable, boolean guestWritable, Written written, String doc) {
        this.guestReadable = guestReadable;
        this.guestWritable = guestWritable;
        this.written = written;
        this.doc = doc;
    }

    public boolean guestReadable() {
        return guestReadable;
    }

    public boolean guestWritable() {
        return guestWritable;
    }

    /** What a value the guest writes looks like ({@link Written#NONE} if the guest cannot write it). */
    public Written written() {
        return written;
    }

    /** True for the emulated EL1 physical timer's registers, whose every guest access traps to KVM. */
    public boolean trapped() {
        return this == CNTP_CTL_EL0 || this == CNTP_CVAL_EL0 || this == CNTP_TVAL_EL0;
    }

    /** What the register is, in a sentence (the language reference). */
    public String doc() {
        return doc;
    }

    /** The registers the guest reads, in order, joined with {@code separator}. */
    public static String readable(String separator) {
        StringBuilder sb = new StringBuilder();
        for (TimerRegister r : values()) {
            if (r.guestReadable) {
                sb.append(sb.length() == 0 ? "" : separator).append(r.name());
            }
        }
        return sb.toString();
    }

    /** The registers the guest writes, in order, joined with {@code separator}. */
    public static String writable(String separator) {
        StringBuilder sb = new StringBuilder();
        for (TimerRegister r : values()) {
            if (r.guestWritable) {
                sb.append(sb.length() == 0 ? "" : separator).append(r.name());
            }
        }
        return sb.toString();
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
