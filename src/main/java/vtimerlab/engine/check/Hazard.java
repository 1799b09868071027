package vtimerlab.engine.check;

/**
 * Behaviour the real kernel has that the checker points out for teaching: a window where the hardware or KVM
 * disagrees with what the guest's timer should be, though the model follows the kernel exactly. A hazard is counted
 * in {@code invariants.hazards}, never in {@code invariants.violations} (which stays 0 in every run without a fault).
 */
public enum Hazard {
    STALE_CNTVOFF("H1", "stale CNTVOFF after set-counter",
            "the VMM moved the virtual counter (KVM_SET_ONE_REG KVM_REG_ARM_TIMER_CNT): update_vtimer_cntvoff changes "
                    + "every vCPU's saved offset, but a vCPU loaded on another CPU keeps its old CNTVOFF_EL2 until its "
                    + "next kvm_timer_vcpu_load (v4.15) or its next world-switch entry (v4.14), so meanwhile its guest "
                    + "counts, and its timer fires, with the old offset; and if the saved copy fires with the new "
                    + "offset first, the vGIC gives the guest a mapped (HW=1) list register while the physical PPI is "
                    + "not active (kvm_timer_unschedule restores CVAL and CTL only; the active state is set at the "
                    + "next load), and kvm_timer_sync_hwstate, judging CVAL with the new offset "
                    + "(kvm_timer_should_fire), can keep the guest's line high after the guest reprogrammed its "
                    + "timer, so the guest takes an interrupt its own counter says is early"),
    STALE_BG_DEADLINE("H2", "stale background-timer deadline after set-counter",
            "the VMM moved the virtual counter while a vCPU was blocked: its background timer keeps the deadline "
                    + "kvm_timer_schedule computed from the old offset (kvm_arm_timer_set_reg updates the state of "
                    + "the calling vCPU only), so it wakes too late if the counter moved forwards; a timer armed too "
                    + "early is moved on when it fires (kvm_bg_timer_expire); and if it had fired already when the "
                    + "counter moved back, the woken vCPU finds its timer not yet due (kvm_vcpu_check_block) and "
                    + "sleeps again with no background timer, as kvm_timer_schedule runs once per block"),
    LOST_PTIMER_IRQ("H3", "lost physical timer interrupt (v4.15)",
            "the emulated EL1 physical timer's deadline passed while the vCPU was put (asleep in WFI, preempted, "
                    + "migrating or back in userspace): kvm_timer_vcpu_put had cancelled its soft timer (phys_timer) "
                    + "before the callback could inject, and kvm_timer_vcpu_load only calls phys_timer_emulate, which "
                    + "cancels the timer of an expired deadline without raising the line, so the vGIC never hears of "
                    + "vINTID 30; kvm_timer_is_pending still ends a block (every WFI returns at once) until a trapped "
                    + "CNTP write or the VMM's set-counter calls kvm_timer_update_state (fixed after v4.15, in 4.19, "
                    + "by commit 245715cbe83c)");

    private final String id;
    private final String title;
    private final String doc;

    Hazard(String id, String title, String doc) {
        this.id = id;
        this.title = title;
        this.doc = doc;
    }

    /** Its short name in the trace, e.g. {@code H1}. */
    public String id() {
        return id;
    }

    /** Its name in a few words. */
    public String title() {
        return title;
    }

    /** What happens and why, with the kernel functions involved. */
    public String doc() {
        return doc;
    }
}
