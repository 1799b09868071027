package vtimerlab.engine.kvm;

import vtimerlab.engine.trace.TracedFunction;

/**
 * The kernel functions the simulation runs, one engine step each, named as in Linux v4.14/v4.15
 * ({@code virt/kvm/arm/arch_timer.c}, {@code virt/kvm/arm/arm.c}, {@code virt/kvm/kvm_main.c},
 * {@code drivers/irqchip/irq-gic-v3.c}). The explanation is what the app shows when a student clicks the function.
 */
public enum KernelFunction implements TracedFunction {
    KVM_VCPU_IOCTL_RUN("kvm_vcpu_ioctl(KVM_RUN)", "The VMM's KVM_RUN ioctl. In v4.14 and v4.15 kvm_vcpu_ioctl "
            + "brackets every vCPU ioctl: vcpu_load, then kvm_arch_vcpu_ioctl_run, then vcpu_put once the run loop has "
            + "ended."),
    KVM_ARCH_VCPU_IOCTL_RUN("kvm_arch_vcpu_ioctl_run", "The run loop of KVM_RUN: enter the guest and handle its exits "
            + "until something needs the VMM in userspace (the vCPU is already loaded)."),
    VCPU_LOAD("vcpu_load", "Registers the preempt notifiers of the vCPU thread and calls kvm_arch_vcpu_load."),
    KVM_ARCH_VCPU_LOAD("kvm_arch_vcpu_load", "Makes this vCPU the one running on this CPU (kvm_arm_set_running_vcpu) "
            + "and, in v4.15, loads its timer (kvm_timer_vcpu_load)."),
    KVM_TIMER_VCPU_LOAD("kvm_timer_vcpu_load", "v4.15: sets PPI 27's physical active state, writes CNTVOFF_EL2 and "
            + "restores the timer registers if they are not loaded."),
    TIMER_SET_ACTIVE_STATE("irq_set_irqchip_state", "Sets PPI 27 active in the physical GIC when the vCPU's timer "
            + "interrupt is asserted or active in the vGIC, else clears it (one GICR_ISACTIVER0/ICACTIVER0 write)."),
    SET_CNTVOFF("set_cntvoff", "Writes CNTVOFF_EL2 (a hyp call on a non-VHE host)."),
    VTIMER_RESTORE_STATE("vtimer_restore_state", "If the timer is not loaded: writes CVAL then CTL from the saved copy "
            + "and sets loaded. Idempotent thanks to the loaded flag."),
    VCPU_PUT("vcpu_put", "Unregisters the preempt notifiers and calls kvm_arch_vcpu_put."),
    KVM_ARCH_VCPU_PUT("kvm_arch_vcpu_put", "Puts the vCPU's timer (v4.15) and clears the running vCPU of this CPU."),
    KVM_TIMER_VCPU_PUT("kvm_timer_vcpu_put", "v4.15: saves the timer if loaded and sets CNTVOFF_EL2 to 0."),
    VTIMER_SAVE_STATE("vtimer_save_state", "If the timer is loaded: reads CTL and CVAL into the saved copy, writes "
            + "CTL=0 (timer off, line low) and clears loaded. Idempotent thanks to the loaded flag."),
    CLEAR_RUNNING_VCPU("kvm_arm_set_running_vcpu", "No vCPU runs on this CPU any more: the timer handler will ignore "
            + "a late interrupt."),
    RUN_LOOP("kvm_arch_vcpu_ioctl_run: loop", "One turn of the run loop: reschedule if asked (cond_resched), clear "
            + "the requests already seen (check_vcpu_requests), then flush the vGIC towards the entry."),
    ENTRY_CHECK("kvm_arch_vcpu_ioctl_run: last check", "With host interrupts off and the vGIC flushed, the run loop "
            + "looks once more: a pending signal (the VMM wants the thread) or a request made since check_vcpu_requests "
            + "(an interrupt injected meanwhile) aborts the entry: the timer and vGIC syncs run on the way back and "
            + "the loop goes round again, or, for a signal, ends (KVM_RUN returns -EINTR)."),
    KVM_TIMER_FLUSH_HWSTATE("kvm_timer_flush_hwstate", "v4.14: computes the timer's level from the saved copy and "
            + "writes PPI 27's physical active state before every entry (skipped when it is already clear)."),
    LOCAL_IRQ_DISABLE("local_irq_disable", "Host interrupts off until after the exit has been synced."),
    KVM_VGIC_FLUSH_HWSTATE("kvm_vgic_flush_hwstate", "Writes the vCPU's pending and active virtual interrupts into "
            + "list registers (the world switch loads them into the hardware)."),
    WORLD_SWITCH_ENTER("__kvm_vcpu_run: enter", "The world switch into the guest: LRs loaded; in v4.14 also the timer "
            + "restored (__timer_restore_state: CNTVOFF, CVAL, CTL)."),
    WORLD_SWITCH_EXIT("__kvm_vcpu_run: exit", "The world switch out of the guest: LRs read back and zeroed; in v4.14 "
            + "also the timer saved and disabled (__timer_save_state)."),
    KVM_VGIC_SYNC_HWSTATE("kvm_vgic_sync_hwstate", "Folds the LRs the guest changed back into the vGIC and drops "
            + "interrupts that are neither pending nor active."),
    KVM_TIMER_SYNC_HWSTATE("kvm_timer_sync_hwstate", "v4.14: the timer's level from the saved copy. v4.15: only while "
            + "the virtual line is high, re-reads CTL/CVAL and lowers it once the timer no longer fires."),
    LOCAL_IRQ_ENABLE("local_irq_enable", "Host interrupts on: a pending physical interrupt is taken now."),
    HANDLE_EXIT("handle_exit", "Handles the reason the guest exited."),
    KVM_HANDLE_WFX("kvm_handle_wfx", "The guest executed WFI with nothing pending: block the vCPU."),
    KVM_VGIC_MMIO_WRITE_ENABLE("vgic_mmio_write_senable", "The guest wrote its redistributor's enable register; KVM "
            + "emulates it and queues the interrupt if it is pending."),
    KVM_VCPU_BLOCK("kvm_vcpu_block", "Blocks the vCPU until a wake-up. v4.15 order: halt polling (a wake-up found "
            + "there skips everything else), the blocking hook, the sleep loop, the unblocking hook."),
    KVM_ARCH_VCPU_BLOCKING("kvm_arch_vcpu_blocking", "The architecture's hook before blocking: kvm_timer_schedule."),
    KVM_TIMER_SCHEDULE("kvm_timer_schedule", "Saves the timer (v4.15) and arms the background timer for the guest's "
            + "deadline unless it has already expired or cannot fire."),
    SOFT_TIMER_START("soft_timer_start", "Arms the background hrtimer that will wake the blocked vCPU at the deadline."),
    HALT_POLL("halt polling", "Before blocking, spin for halt_poll_ns asking kvm_vcpu_check_block whether a wake-up "
            + "has arrived; the timer is still loaded and its interrupt still reaches the host."),
    HALT_POLL_CHECK("kvm_vcpu_check_block (poll)", "Halt polling asks again whether the vCPU can run."),
    BLOCK_WAIT("kvm_vcpu_check_block", "One turn of the sleep loop asks whether the vCPU can run; if nothing wakes "
            + "it, kvm_vcpu_block then calls schedule() and asks again after waking."),
    SCHEDULE("schedule", "The host scheduler switches this thread out (through __schedule and context_switch)."),
    CONTEXT_SWITCH("context_switch", "Switches from this thread to the next: the preempt notifiers run here, "
            + "kvm_sched_out before the switch and, when the thread runs again, kvm_sched_in after "
            + "it."),
    KVM_SCHED_OUT("kvm_sched_out", "Preempt notifier (from prepare_task_switch): the vCPU thread leaves the CPU, so "
            + "kvm_arch_vcpu_put."),
    SWITCH_TO("switch_to", "The switch itself: another thread (or idle) runs on the CPU; this thread resumes here."),
    KVM_SCHED_IN("kvm_sched_in", "Preempt notifier (from finish_task_switch): the vCPU thread runs again, so "
            + "kvm_arch_vcpu_load."),
    KVM_ARCH_VCPU_UNBLOCKING("kvm_arch_vcpu_unblocking", "The architecture's hook after blocking: "
            + "kvm_timer_unschedule."),
    KVM_TIMER_UNSCHEDULE("kvm_timer_unschedule", "Restores the timer if not loaded (v4.15) and cancels the "
            + "background timer."),
    SOFT_TIMER_CANCEL("soft_timer_cancel", "Cancels the background hrtimer and its work."),
    RETURN_TO_USERSPACE("return to userspace", "KVM_RUN returns to the VMM."),
    KVM_SET_ONE_REG("kvm_vcpu_ioctl(KVM_SET_ONE_REG)", "The VMM sets a vCPU register; in v4.15 every vCPU ioctl runs "
            + "between vcpu_load and vcpu_put."),
    KVM_ARM_TIMER_SET_REG("kvm_arm_timer_set_reg", "KVM_REG_ARM_TIMER_CNT: sets the VM's virtual counter by changing "
            + "every vCPU's CNTVOFF (update_vtimer_cntvoff)."),
    GIC_HANDLE_IRQ("gic_handle_irq", "The host's interrupt entry: a loop that acknowledges (ICC_IAR1_EL1) and "
            + "handles interrupts until the acknowledge returns the spurious INTID 1023; with EOImode 1 the priority "
            + "drop (ICC_EOIR1_EL1) follows each acknowledge at once."),
    GIC_READ_IAR("gic_read_iar", "One turn of gic_handle_irq's loop: read ICC_IAR1_EL1. An interrupt is dropped, "
            + "handled and its EOI done, then the loop reads again; 1023 (nothing signalled) ends the loop. That last "
            + "read is a GIC access like any other."),
    GIC_WRITE_EOIR("gic_write_eoir", "Priority drop. With EOImode 1 the interrupt stays active; with EOImode 0 it is "
            + "deactivated too."),
    KVM_ARCH_TIMER_HANDLER("kvm_arch_timer_handler", "v4.15: if a vCPU is loaded here and its virtual line is low, "
            + "reads CTL and, if the timer fires, raises the line and injects. It never touches the timer. v4.14: "
            + "should never run."),
    GIC_EOI_IRQ("gic_eoi_irq", "The chip's EOI with EOImode 0 (only under the fault no-eoimode-split): the EOIR "
            + "after the handler drops the priority and deactivates the interrupt, though its line may still be "
            + "high."),
    GIC_EOIMODE1_EOI_IRQ("gic_eoimode1_eoi_irq", "End of the flow handler: deactivate (ICC_DIR_EL1), unless the "
            + "interrupt is forwarded to a vCPU, which will deactivate it through the HW bit."),
    KVM_HANDLE_SYS_REG("kvm_handle_sys_reg", "The guest accessed a trapped system register: the accessor of the "
            + "emulated physical timer (access_cntp_ctl, access_cntp_cval, access_cntp_tval in sys_regs.c) reads or "
            + "writes the timer KVM keeps in memory; in v4.15 a write goes through kvm_arm_timer_set_reg, which "
            + "re-evaluates the line and the soft timer at once."),
    LEAVE("return", "");

    private final String kernelName;
    private final String explanation;

    KernelFunction(String kernelName, String explanation) {
        this.kernelName = kernelName;
        this.explanation = explanation;
    }

    /** The function's name as the kernel spells it. */
    @Override
    public String kernelName() {
        return kernelName;
    }

    /** What it does, for a student. */
    @Override
    public String explanation() {
        return explanation;
    }
}
