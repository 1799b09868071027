package vtimerlab.engine.kvm;

import vtimerlab.engine.core.TraceEntry.Kind;

/**
 * Linux v4.14, before commit b103cc3f10c0 (the {@code legacy} design): the world switch saves and disables the
 * virtual timer on every exit and restores it on every entry ({@code __timer_save_state} /
 * {@code __timer_restore_state} in {@code virt/kvm/arm/hyp/timer-sr.c}); {@code kvm_timer_flush_hwstate} computes
 * the level and writes PPI 27's physical active state before every entry; the timer interrupt is not forwarded,
 * and the host's handler should never run.
 */
public final class Kvm414 implements KvmVersion {
    // arm.c v4.14, kvm_arch_vcpu_ioctl_run: kvm_timer_flush_hwstate and kvm_vgic_flush_hwstate run with interrupts
    // on, then local_irq_disable and the last check; on the way back (exit or aborted entry) interrupts go on first,
    // then kvm_timer_sync_hwstate, then kvm_vgic_sync_hwstate
    private static final KernelFunction[] BEFORE_ENTRY = {KernelFunction.KVM_TIMER_FLUSH_HWSTATE,
        KernelFunction.KVM_VGIC_FLUSH_HWSTATE, KernelFunction.LOCAL_IRQ_DISABLE, KernelFunction.ENTRY_CHECK};
    private static final KernelFunction[] BACK = {KernelFunction.LOCAL_IRQ_ENABLE,
        KernelFunction.KVM_TIMER_SYNC_HWSTATE, KernelFunction.KVM_VGIC_SYNC_HWSTATE};

    @Override
    public String kernel() {
        return "v4.14";
    }

    @Override
    public boolean forwardsTimerInterrupt() {
        return false;
    }

    @Override
    public boolean timerLoadedOutsideGuest() {
        return false;
    }

    @Override
    public void archVcpuLoad(Kvm k, Vcpu v, Frame f) {
        // v4.14 kvm_arch_vcpu_load does nothing for the timer: the world switch restores it on every entry
    }

    @Override
    public void archVcpuPut(Kvm k, int cpu, Vcpu v, Frame f) {
        // v4.14 kvm_timer_vcpu_put: only forgets the cached active state
        v.vtimer.activeClearedLast = false;
        k.note(cpu, "kvm_timer_vcpu_put: active_cleared_last := 0", "v4.14 only forgets its cache");
    }

    @Override
    public void timerSchedule(Kvm k, Vcpu v, Frame f) {
        // the world switch has saved the timer already: arm the background timer from the saved copy
        f.call(KernelFunction.SOFT_TIMER_START);
    }

    @Override
    public void timerUnschedule(Kvm k, Vcpu v, Frame f) {
        k.archTimer.unscheduleCancel(v, f);
    }

    @Override
    public KernelFunction[] beforeEntry() {
        return BEFORE_ENTRY;
    }

    @Override
    public KernelFunction[] abortedEntry() {
        return BACK;
    }

    @Override
    public KernelFunction[] afterExit() {
        return BACK;
    }

    @Override
    public void worldSwitchEnter(Kvm k, int cpu, Vcpu v) {
        k.runLoop.restoreTimerOnEntry(cpu, v);
    }

    @Override
    public void worldSwitchExit(Kvm k, int cpu, Vcpu v) {
        k.runLoop.saveTimerOnExit(cpu, v);
    }

    @Override
    public void timerSyncHwstate(Kvm k, int cpu, Vcpu v) {
        // v4.14 kvm_timer_sync_hwstate: timer_disarm, then kvm_timer_update_state for both timers
        k.physTimer.softTimerCancel(cpu, v, "kvm_timer_sync_hwstate: timer_disarm");
        k.archTimer.updateState(cpu, v);
        k.physTimer.updateLevel(cpu, v);
    }

    @Override
    public void ptimerUpdateState(Kvm k, int cpu, Vcpu v, String caller) {
        k.physTimer.updateLevel(cpu, v); // v4.14 kvm_timer_update_state sets the levels only
    }

    @Override
    public void ptimerWritten(Kvm k, int cpu, Vcpu v) {
        k.note(cpu, PhysTimer.PTIMER, "the physical timer changed in memory only", "v4.14 access_cntp_*: "
                + "kvm_timer_flush_hwstate computes its line and arms its soft timer before the next entry");
    }

    @Override
    public void ptimerSoftTimerExpire(Kvm k, int cpu, Vcpu v) {
        k.physTimer.timerExpireV414(cpu, v);
    }

    @Override
    public void archTimerHandler(Kvm k, int cpu) {
        k.sim.trace(cpu, "host", Kind.WARNING, ArchTimer.VTIMER, "kvm_arch_timer_handler: unexpected interrupt",
                "v4.14: the world switch disables the timer before host interrupts are on");
    }
}
