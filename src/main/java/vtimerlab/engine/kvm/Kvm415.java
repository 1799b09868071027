package vtimerlab.engine.kvm;

import vtimerlab.engine.Fault;

/**
 * Linux v4.15, with commit b103cc3f10c0 ("KVM: arm/arm64: Avoid timer save/restore in vcpu entry/exit", the
 * {@code optimized} design): the virtual timer stays in the hardware while the vCPU is loaded; it is saved and
 * restored only by {@code kvm_timer_vcpu_put}/{@code load} and {@code kvm_timer_schedule}/{@code unschedule},
 * guarded by {@code loaded}; PPI 27 is forwarded, and the host's handler raises the virtual line when the live timer
 * fires.
 */
public final class Kvm415 implements KvmVersion {
    // arm.c v4.15, kvm_arch_vcpu_ioctl_run: local_irq_disable, kvm_vgic_flush_hwstate, the last check; an aborted
    // entry runs kvm_timer_sync_hwstate, kvm_vgic_sync_hwstate, local_irq_enable; after an exit the vGIC is synced
    // before the timer ("the timer code needs to know if the virtual timer interrupts are active"), both with
    // interrupts off
    private static final KernelFunction[] BEFORE_ENTRY = {KernelFunction.LOCAL_IRQ_DISABLE,
        KernelFunction.KVM_VGIC_FLUSH_HWSTATE, KernelFunction.ENTRY_CHECK};
    private static final KernelFunction[] ABORTED_ENTRY = {KernelFunction.KVM_TIMER_SYNC_HWSTATE,
        KernelFunction.KVM_VGIC_SYNC_HWSTATE, KernelFunction.LOCAL_IRQ_ENABLE};
    private static final KernelFunction[] AFTER_EXIT = {KernelFunction.KVM_VGIC_SYNC_HWSTATE,
        KernelFunction.KVM_TIMER_SYNC_HWSTATE, KernelFunction.LOCAL_IRQ_ENABLE};

    @Override
    public String kernel() {
        return "v4.15";
    }

    @Override
    public boolean forwardsTimerInterrupt() {
        return true;
    }

    @Override
    public boolean timerLoadedOutsideGuest() {
        return true;
    }

    @Override
    public void archVcpuLoad(Kvm k, Vcpu v, Frame f) {
        f.call(KernelFunction.KVM_TIMER_VCPU_LOAD);
    }

    @Override
    public void archVcpuPut(Kvm k, int cpu, Vcpu v, Frame f) {
        f.call(KernelFunction.KVM_TIMER_VCPU_PUT);
    }

    @Override
    public void timerSchedule(Kvm k, Vcpu v, Frame f) {
        if (!k.config.has(Fault.NO_SAVE_IN_SCHEDULE)) {
            f.call(KernelFunction.VTIMER_SAVE_STATE);
        }
        f.call(KernelFunction.SOFT_TIMER_START);
    }

    @Override
    public void timerUnschedule(Kvm k, Vcpu v, Frame f) {
        if (!k.config.has(Fault.NO_RESTORE_IN_UNSCHEDULE)) {
            f.call(KernelFunction.VTIMER_RESTORE_STATE);
        }
        k.archTimer.unscheduleCancel(v, f);
    }

    @Override
    public KernelFunction[] beforeEntry() {
        return BEFORE_ENTRY;
    }

    @Override
    public KernelFunction[] abortedEntry() {
        return ABORTED_ENTRY;
    }

    @Override
    public KernelFunction[] afterExit() {
        return AFTER_EXIT;
    }

    @Override
    public void worldSwitchEnter(Kvm k, int cpu, Vcpu v) {
        // the timer is already in the hardware (loaded): nothing to do
    }

    @Override
    public void worldSwitchExit(Kvm k, int cpu, Vcpu v) {
        // the timer stays in the hardware
    }

    @Override
    public void timerSyncHwstate(Kvm k, int cpu, Vcpu v) {
        k.archTimer.syncHwstateWhileLevelHigh(cpu, v);
    }

    @Override
    public void archTimerHandler(Kvm k, int cpu) {
        k.archTimer.handlerV415(cpu);
    }

    @Override
    public void ptimerUpdateState(Kvm k, int cpu, Vcpu v, String caller) {
        k.physTimer.updateStateV415(cpu, v, caller);
    }

    @Override
    public void ptimerWritten(Kvm k, int cpu, Vcpu v) {
        // v4.15 access_cntp_*: kvm_arm_timer_set_reg stores the value and calls kvm_timer_update_state
        ptimerUpdateState(k, cpu, v, "kvm_arm_timer_set_reg");
    }

    @Override
    public void ptimerSoftTimerExpire(Kvm k, int cpu, Vcpu v) {
        k.physTimer.physTimerExpireV415(cpu, v);
    }
}
