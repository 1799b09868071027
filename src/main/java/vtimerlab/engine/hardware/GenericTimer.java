package vtimerlab.engine.hardware;

/**
 * The EL1 virtual timer of one physical CPU (ARM ARM D11, "The Generic Timer in AArch64 state"): CNTV_CTL_EL0,
 * CNTV_CVAL_EL0, the TVAL view and the CPU's CNTVOFF_EL2. Pure state and rules; the machine asks it when its
 * condition will next change and schedules that moment, so nothing ticks.
 */
public final class GenericTimer {
    public static final long CTL_ENABLE = 1;
    public static final long CTL_IMASK = 2;
    public static final long CTL_ISTATUS = 4;

    private boolean enable;
    private boolean imask;
    private long cval;
    private long cntvoff;

    public GenericTimer() {
    }

    public GenericTimer(GenericTimer o) {
        this.enable = o.enable;
        this.imask = o.imask;
        this.cval = o.cval;
        this.cntvoff = o.cntvoff;
    }

    /** CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2, wrapping at 64 bits (ARM ARM D11.1.2). */
    public long virtualCount(long counter) {
        return counter - cntvoff;
    }

    /** The condition: CNTVCT >= CVAL, unsigned 64-bit (ARM ARM D11.2.4). */
    public boolean conditionMet(long counter) {
        return conditionMet(enable, cval, virtualCount(counter));
    }

    /** The condition for any timer state: unsigned {@code vcount >= cval}. */
    public static boolean conditionMet(boolean enabled, long cval, long vcount) {
        return Long.compareUnsigned(vcount, cval) >= 0;
    }

    /**
     * ISTATUS. Architecturally UNKNOWN while ENABLE=0; like KVM's {@code read_timer_ctl} the engine reports the
     * condition (semantics §1), and lessons must not grade it.
     */
    public boolean istatus(long counter) {
        return conditionMet(counter);
    }

    /** The output line: ENABLE and not IMASK and the condition met. A level, not an edge (ARM ARM D11.2.4). */
    public boolean output(long counter) {
        return enable && !imask && conditionMet(counter);
    }

    /** CNTV_CTL_EL0 as read: ENABLE | IMASK | ISTATUS. */
    public long readCtl(long counter) {
        return (enable ? CTL_ENABLE : 0) | (imask ? CTL_IMASK : 0) | (istatus(counter) ? CTL_ISTATUS : 0);
    }

    /** CNTV_CTL_EL0 write: bits 0 and 1 are taken, ISTATUS is read-only and other bits are RES0. */
    public void writeCtl(long value) {
        enable = (value & CTL_ENABLE) != 0;
        imask = (value & CTL_IMASK) != 0;
    }

    public long cval() {
        return cval;
    }

    public void writeCval(long value) {
        cval = value;
    }

    /** CNTV_TVAL_EL0 read: (CVAL - CNTVCT) truncated to 32 bits, signed (ARM ARM, CNTV_TVAL_EL0). */
    public int readTval(long counter) {
        return tval(cval, virtualCount(counter));
    }

    public static int tval(long cval, long vcount) {
        return (int) (cval - vcount);
    }

    /** CNTV_TVAL_EL0 write: CVAL := CNTVCT + SignExtend64(value[31:0]) (ARM ARM, CNTV_TVAL_EL0). */
    public void writeTval(long counter, long value) {
        cval = virtualCount(counter) + (long) (int) value;
    }

    public long cntvoff() {
        return cntvoff;
    }

    public void writeCntvoff(long value) {
        cntvoff = value;
    }

    public boolean enabled() {
        return enable;
    }

    public boolean masked() {
        return imask;
    }

    /**
     * How many ticks from {@code counter} until the condition changes, as an unsigned 64-bit distance, or 0 if it
     * never does with this state. The condition turns true when the virtual count reaches CVAL and turns false again
     * only when the virtual count wraps past 2^64-1 to 0 (kernel-tests.md EC-5 relies on that).
     */
    public long ticksUntilConditionChanges(long counter) {
        return ticksUntilConditionChanges(cval, virtualCount(counter));
    }

    /** The same for any timer state (a saved copy): CVAL and the virtual count now. */
    public static long ticksUntilConditionChanges(long cval, long vcount) {
        if (!conditionMet(true, cval, vcount)) {
            return cval - vcount; // unsigned distance, > 0
        }
        if (cval == 0) {
            return 0; // vcount >= 0 always holds: never
        }
        return -vcount; // unsigned distance to the wrap; 0 - v, > 0 since v >= cval > 0
    }
}
