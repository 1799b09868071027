package vtimerlab.engine.kvm;

import vtimerlab.engine.hardware.GenericTimer;

/**
 * One guest timer as KVM keeps it ({@code struct arch_timer_context} in {@code virt/kvm/arm/arch_timer.c}): the
 * saved copy of its registers, its offset, whether the hardware holds it ({@code loaded}), and the level of the
 * interrupt line KVM drives into the vGIC ({@code irq.level}). A vCPU has one per timer: the virtual timer now; the
 * emulated EL1 physical timer is a second context of the same shape.
 */
public final class TimerContext {
    /** The timer's interrupt as the guest sees it (PPI 27 for the virtual timer). */
    final int intid;
    /** {@code cnt_ctl} ENABLE and IMASK of the saved copy. */
    boolean enable;
    boolean imask;
    /** {@code cnt_cval} of the saved copy. */
    long cval;
    /** {@code cntvoff}: the guest's virtual offset (VM-wide, kept per vCPU). */
    long cntvoff;
    /** {@code loaded}: the CPU's timer registers hold this timer (the saved copy is stale). */
    boolean loaded;
    /** {@code irq.level}: the line KVM drives into the vGIC. */
    boolean level;
    /** v4.14 {@code active_cleared_last}: the physical active state was last written clear. */
    boolean activeClearedLast;
    /**
     * The CPU this timer is loaded on keeps a CNTVOFF_EL2 from before the VMM's last set-counter (the hazard
     * {@code H1}): set by {@code update_vtimer_cntvoff} for a timer loaded elsewhere, cleared when CNTVOFF_EL2 is
     * written with the vCPU's offset ({@code set_cntvoff} in {@code kvm_timer_vcpu_load}, or the v4.14 world switch).
     * Saving and restoring the timer (blocking) do not write CNTVOFF_EL2, so the stale offset outlives them.
     */
    boolean cntvoffStale;

    TimerContext(int intid) {
        this.intid = intid;
    }

    TimerContext(TimerContext o) {
        this.intid = o.intid;
        this.enable = o.enable;
        this.imask = o.imask;
        this.cval = o.cval;
        this.cntvoff = o.cntvoff;
        this.loaded = o.loaded;
        this.level = o.level;
        this.activeClearedLast = o.activeClearedLast;
        this.cntvoffStale = o.cntvoffStale;
    }

    public int intid() {
        return intid;
    }

    /** ENABLE of the saved copy. */
    public boolean enable() {
        return enable;
    }

    /** IMASK of the saved copy. */
    public boolean imask() {
        return imask;
    }

    /** CVAL of the saved copy. */
    public long cval() {
        return cval;
    }

    public long cntvoff() {
        return cntvoff;
    }

    /** The hardware holds this timer with the offset from before the VMM's last set-counter (hazard H1). */
    public boolean cntvoffStale() {
        return cntvoffStale;
    }

    /** {@code loaded}: the timer registers of the vCPU's CPU hold this timer. */
    public boolean loaded() {
        return loaded;
    }

    /** {@code irq.level}: the timer's view of its virtual line. */
    public boolean level() {
        return level;
    }

    /** {@code kvm_timer_irq_can_fire}: enabled and not masked (saved copy). */
    public boolean canFire() {
        return enable && !imask;
    }

    /** {@code kvm_timer_should_fire} on the saved copy: can fire and CVAL <= counter - CNTVOFF (unsigned). */
    public boolean shouldFire(long counter) {
        return canFire() && GenericTimer.conditionMet(true, cval, counter - cntvoff);
    }

    /** CNTV_CTL_EL0 of the saved copy as {@code read_timer_ctl} computes it (ISTATUS from the condition). */
    public long ctl(long counter) {
        boolean met = GenericTimer.conditionMet(enable, cval, counter - cntvoff);
        return (enable ? GenericTimer.CTL_ENABLE : 0) | (imask ? GenericTimer.CTL_IMASK : 0)
                | (met ? GenericTimer.CTL_ISTATUS : 0);
    }

    /** Saves CTL's ENABLE and IMASK into the copy. */
    void saveCtl(long ctl) {
        enable = (ctl & GenericTimer.CTL_ENABLE) != 0;
        imask = (ctl & GenericTimer.CTL_IMASK) != 0;
    }

    /** CTL as it is written back to the hardware: ENABLE and IMASK of the copy. */
    long ctlToRestore() {
        return (enable ? GenericTimer.CTL_ENABLE : 0) | (imask ? GenericTimer.CTL_IMASK : 0);
    }
}
