package vtimerlab.engine.kvm;

import vtimerlab.engine.core.EventKind;

/** Events the host and KVM schedule. */
public enum KvmEvent implements EventKind {
    /** A physical CPU carries out its next step (an interrupt handler, the running thread's kernel code, the guest). */
    CPU_STEP("cpu step"),
    /** The background hrtimer of a blocked vCPU expires ({@code kvm_bg_timer_expire}). */
    BG_TIMER_EXPIRE("kvm_bg_timer_expire"),
    /** Its work item runs ({@code kvm_timer_inject_irq_work}: wakes the vCPU). */
    BG_TIMER_WORK("kvm_timer_inject_irq_work"),
    /** The halt-polling window ends, or the moment a timer wake-up becomes visible to polling. */
    POLL_END("halt polling: check"),
    /**
     * The soft timer of the emulated physical timer expires (v4.15 {@code kvm_phys_timer_expire}, v4.14
     * {@code kvm_timer_expire}).
     */
    PTIMER_SOFT_TIMER_EXPIRE("physical timer's soft timer");

    private final String label;

    KvmEvent(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
