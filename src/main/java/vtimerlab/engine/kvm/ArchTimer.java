package vtimerlab.engine.kvm;

import vtimerlab.engine.Fault;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;

/**
 * {@code virt/kvm/arm/arch_timer.c}: the guest's timers as KVM handles them. Saving and restoring the virtual timer
 * ({@code vtimer_save_state}, {@code vtimer_restore_state}, guarded by {@code loaded}), loading and putting it with
 * the vCPU, the background timer of a blocked vCPU ({@code kvm_timer_schedule}/{@code unschedule},
 * {@code kvm_bg_timer_expire}), the line level KVM drives into the vGIC ({@code kvm_timer_update_irq},
 * {@code kvm_timer_update_state}), the counter the VMM sets ({@code kvm_arm_timer_set_reg}) and the hypervisor's
 * counted accesses to the timer registers. Where v4.14 and v4.15 differ, {@link KvmVersion} decides.
 */
final class ArchTimer {
    /** The virtual timer's interrupt, the subject of the lines about its line level and active state. */
    static final Subject VTIMER = Subject.intid(Redistributor.VTIMER_INTID);

    private final Kvm k;

    ArchTimer(Kvm k) {
        this.k = k;
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    /** {@code kvm_timer_hyp_init}: v4.15 forwards PPI 27 on every CPU ({@code irq_set_vcpu_affinity}). */
    void hypInit() {
        boolean forward = k.version.forwardsTimerInterrupt() && !k.config.has(Fault.NO_FORWARDING);
        for (int c = 0; c < k.cpus.length; c++) {
            k.hw.cpu(c).redistributor().setForwarded(Redistributor.VTIMER_INTID, forward);
        }
    }

    /** {@code kvm_timer_enable}: vINTID 27 mapped to the physical PPI 27 ({@code kvm_vgic_map_phys_irq}). */
    void enable(Vcpu v) {
        k.vgic.mapPhysIrq(v, Redistributor.VTIMER_INTID, Redistributor.VTIMER_INTID);
    }

    // ---- counted hardware accesses ------------------------------------------------------------------------------

    long timerRead(int cpu, String register, String why) {
        long value = k.hw.readTimer(cpu, register);
        k.stats.timerSysregReads++;
        k.stats.cycles += CostModel.TIMER_SYSREG.cycles();
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "kvm", Kind.REGISTER_READ, Subject.register(TimerRegister.valueOf(register)),
                    register + " -> 0x" + Long.toHexString(value), why);
        }
        return value;
    }

    void timerWrite(int cpu, String register, long value, String why) {
        k.stats.timerSysregWrites++;
        k.stats.cycles += CostModel.TIMER_SYSREG.cycles();
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "kvm", Kind.REGISTER_WRITE, Subject.register(TimerRegister.valueOf(register)),
                    register + " := 0x" + Long.toHexString(value), why);
        }
        k.hw.writeTimer(cpu, register, value);
    }

    /** {@code irq_set_irqchip_state(host_vtimer_irq, IRQCHIP_STATE_ACTIVE, active)}: one redistributor write. */
    void writeActiveState(int cpu, boolean active, String why) {
        k.stats.gicAccesses++;
        k.stats.cycles += CostModel.GIC_REDISTRIBUTOR_MMIO.cycles();
        k.hw.setActive(cpu, Redistributor.VTIMER_INTID, active);
        if (k.sim.tracing()) {
            GicState now = GicState.named(k.hw.cpu(cpu).vtimerIrq().state().name());
            k.sim.trace(cpu, "kvm", Kind.GIC, VTIMER.changing(null, now), (active ? "GICR_ISACTIVER0" : "GICR_ICACTIVER0") + ": PPI 27 "
                    + k.hw.cpu(cpu).vtimerIrq().state().pathName(), why);
        }
    }

    // ---- load and put ---------------------------------------------------------------------------------------

    /** {@code kvm_timer_vcpu_load} (v4.15): the active state, CNTVOFF, then the registers. */
    void vcpuLoad(int cpu, Vcpu v, Frame f) {
        // its last step, phys_timer_emulate, is taken first here: it looks only at the physical timer, which the
        // steps before it do not touch
        k.physTimer.vcpuLoadV415(cpu, v);
        if (!k.config.has(Fault.NO_ACTIVE_STATE_ON_LOAD)) {
            f.call(KernelFunction.TIMER_SET_ACTIVE_STATE);
        }
        if (!k.config.has(Fault.NO_CNTVOFF_ON_LOAD)) {
            f.call(KernelFunction.SET_CNTVOFF, v.vtimer.cntvoff);
        }
        if (!k.config.has(Fault.NO_RESTORE_ON_LOAD)) {
            f.call(KernelFunction.VTIMER_RESTORE_STATE);
        }
    }

    /** {@code kvm_timer_vcpu_load_vgic}: PPI 27 active := irq.level || kvm_vgic_map_is_active. */
    void setActiveStateOnLoad(int cpu, Vcpu v) {
        boolean level = v.vtimer.level;
        boolean mapActive = k.vgic.mapIsActive(v, Redistributor.VTIMER_INTID);
        writeActiveState(cpu, level || mapActive, "kvm_timer_vcpu_load: active := irq.level (" + Kvm.bit(level)
                + ") || kvm_vgic_map_is_active (" + Kvm.bit(mapActive) + ")");
    }

    /** {@code set_cntvoff}: CNTVOFF_EL2 through a hyp call on a non-VHE host. */
    void setCntvoff(int cpu, Vcpu v, long value) {
        timerWrite(cpu, "CNTVOFF_EL2", value, "set_cntvoff (a hyp call on a non-VHE host)");
        k.stats.cycles += CostModel.SET_CNTVOFF_HYP_CALL.cycles() - CostModel.TIMER_SYSREG.cycles();
        if (value == v.vtimer.cntvoff) {
            v.vtimer.cntvoffStale = false;
            k.touch(v);
        }
    }

    /** {@code kvm_timer_vcpu_put} (v4.15): save, then CNTVOFF_EL2 := 0. */
    void vcpuPut(int cpu, Vcpu v, Frame f) {
        // soft_timer_cancel(phys_timer) comes between the save and set_cntvoff; neither touches the physical timer
        k.physTimer.vcpuPutV415(cpu, v);
        f.call(KernelFunction.VTIMER_SAVE_STATE);
        f.call(KernelFunction.SET_CNTVOFF, 0);
    }

    /** {@code vtimer_save_state}: idempotent through {@code loaded}. */
    void saveState(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        if (!t.loaded && !k.config.has(Fault.NO_LOADED_CHECK)) {
            k.note(cpu, "loaded = 0: nothing to save", "vtimer_save_state tests the loaded flag");
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "vtimer_save_state: save CTL");
        long cval = timerRead(cpu, "CNTV_CVAL_EL0", "vtimer_save_state: save CVAL");
        t.saveCtl(ctl);
        t.cval = cval;
        k.touch(v);
        timerWrite(cpu, "CNTV_CTL_EL0", 0, "vtimer_save_state: timer off so it cannot fire for the next thread");
        t.loaded = false;
        k.touch(v);
        if (k.sim.tracing()) {
            k.note(cpu, v.name() + " timer saved: loaded := 0", "the saved copy is now the truth");
        }
    }

    /** {@code vtimer_restore_state}: idempotent through {@code loaded}. */
    void restoreState(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        if (t.loaded && !k.config.has(Fault.NO_LOADED_CHECK)) {
            k.note(cpu, "loaded = 1: nothing to restore", "vtimer_restore_state tests the loaded flag");
            return;
        }
        timerWrite(cpu, "CNTV_CVAL_EL0", t.cval, "vtimer_restore_state: CVAL from the saved copy");
        timerWrite(cpu, "CNTV_CTL_EL0", t.ctlToRestore(), "vtimer_restore_state: CTL from the saved copy");
        t.loaded = true;
        k.touch(v);
        if (k.sim.tracing()) {
            k.note(cpu, v.name() + " timer restored: loaded := 1", "the hardware is now the truth");
        }
    }

    // ---- the line level into the vGIC ---------------------------------------------------------------------

    /** {@code kvm_timer_update_irq}: the timer's line level into the vGIC. */
    void updateIrq(int cpu, Vcpu v, boolean level, String why) {
        v.vtimer.level = level;
        k.touch(v);
        v.vtimer.activeClearedLast = false;
        if (k.sim.tracing()) {
            k.note(cpu, VTIMER, "kvm_timer_update_irq: " + v.name() + " virtual timer line := " + Kvm.bit(level), why);
        }
        k.vgic.injectIrq(cpu, v, Redistributor.VTIMER_INTID, level);
        if (level && v.polling) {
            k.vcpuBlock.endPolling(v); // the busy poll loop sees kvm_timer_is_pending (the line) at its next check
        }
    }

    /** {@code kvm_timer_update_state}: level := should_fire (saved copy) when it changed. */
    void updateState(int cpu, Vcpu v) {
        boolean fire = k.savedCopyShouldFire(v);
        if (fire != v.vtimer.level) {
            updateIrq(cpu, v, fire, fire ? "kvm_timer_update_state: the saved timer fires"
                    : "kvm_timer_update_state: the saved timer no longer fires");
        }
    }

    /** v4.14 {@code kvm_timer_flush_hwstate}: the level, then the physical active state (cached when clear). */
    void flushHwstate(int cpu, Vcpu v) {
        updateState(cpu, v);
        k.physTimer.flushV414(cpu, v);
        if (k.config.has(Fault.LEGACY_NO_ACTIVE_WRITE)) {
            k.note(cpu, VTIMER, "fault legacy-no-active-write: PPI 27 active state not written", "fault lab");
            return;
        }
        TimerContext t = v.vtimer;
        boolean active = t.level || k.vgic.mapIsActive(v, Redistributor.VTIMER_INTID);
        if (t.activeClearedLast && !active) {
            k.note(cpu, VTIMER, "PPI 27 active state already clear: no write", "kvm_timer_flush_hwstate_vgic: "
                    + "active_cleared_last");
            return;
        }
        writeActiveState(cpu, active, "kvm_timer_flush_hwstate_vgic: active := irq.level || map_is_active");
        t.activeClearedLast = !active;
    }

    /**
     * v4.15 {@code kvm_timer_sync_hwstate}: only while the line is high, re-read CTL and CVAL; once the timer no
     * longer fires, lower the line and, if the guest is not handling the interrupt, clear PPI 27's active state
     * ({@code unmask_vtimer_irq}).
     */
    void syncHwstateWhileLevelHigh(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        if (!t.level) {
            k.note(cpu, "virtual timer line is low: nothing to do", "kvm_timer_sync_hwstate (v4.15)");
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "kvm_timer_sync_hwstate: the line is high, does the timer still "
                + "fire?");
        long cval = timerRead(cpu, "CNTV_CVAL_EL0", "kvm_timer_sync_hwstate");
        t.saveCtl(ctl);
        t.cval = cval;
        k.touch(v);
        if (k.savedCopyShouldFire(v)) {
            k.note(cpu, "timer still fires: line stays high", "kvm_timer_sync_hwstate");
            return;
        }
        if (k.config.has(Fault.NO_LEVEL_LOWERING)) {
            k.note(cpu, "fault no-level-lowering: the line is left high", "fault lab");
            return;
        }
        updateIrq(cpu, v, false, "kvm_timer_sync_hwstate: the guest masked, disabled or moved its timer");
        if (!k.vgic.mapIsActive(v, Redistributor.VTIMER_INTID)) {
            writeActiveState(cpu, false, "kvm_timer_sync_hwstate: vINTID 27 not active, clear PPI 27's active state");
        }
    }

    /**
     * {@code kvm_timer_is_pending} (v4.15): the virtual line is high, or the timer is not loaded and its saved copy
     * should fire. While the timer is loaded the saved copy is stale, so only the line counts.
     */
    boolean isPending(Vcpu v) {
        return v.vtimer.level || (!v.vtimer.loaded && k.savedCopyShouldFire(v)) || k.physTimer.isPending(v);
    }

    // ---- blocking: the background timer ----------------------------------------------------------------------

    void softTimerStart(int cpu, Vcpu v) {
        v.timerScheduled = true;
        k.touch(v);
        armBackgroundTimer(cpu, v);
    }

    private void armBackgroundTimer(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        TimerContext p = v.ptimer;
        if (k.savedCopyShouldFire(v)) {
            k.note(cpu, "the timer has already expired: no background timer", "kvm_timer_schedule: it is pending now");
            return;
        }
        if (k.physTimer.shouldFire(v)) {
            k.note(cpu, PhysTimer.PTIMER, "the physical timer has already expired: no background timer",
                    "kvm_timer_schedule: it is pending now");
            return;
        }
        boolean virtCan = t.enable && !t.imask;
        if (!virtCan && !p.canFire()) {
            if (k.sim.tracing()) {
                k.note(cpu, "the timer cannot fire (" + (!t.enable ? "disabled" : "masked") + "): no background "
                        + "timer", "kvm_timer_schedule");
            }
            return;
        }
        long now = k.sim.now();
        long when = -1;
        if (virtCan) {
            long vnow = now - t.cntvoff;
            long ticks = t.cval - vnow;
            when = now + ticks;
        }
        boolean physEarlier = p.canFire() && (!virtCan || Long.compareUnsigned(when, now) < 0
                || Long.compareUnsigned(p.cval, when) < 0);
        if (physEarlier) {
            when = p.cval; // kvm_timer_earliest_exp: the physical timer counts the system counter, no offset
        }
        if (Long.compareUnsigned(when, now) < 0) {
            k.note(cpu, "deadline beyond the end of the counter: no background timer", "kvm_timer_schedule");
            return;
        }
        if (p.canFire()) {
            k.sim.cancel(v.bgTimer);
            v.bgTimer = k.sim.schedule(when, KvmEvent.BG_TIMER_EXPIRE, cpu, v.id, 0);
            k.touch(v);
            v.bgDeadlineStale = false;
            if (k.sim.tracing()) {
                k.note(cpu, "background timer armed for t=" + when + (virtCan ? " (the earlier of the virtual and "
                        + "the physical timer's deadlines)" : " (the physical timer's deadline)") + ": bg_armed := 1",
                        "kvm_timer_schedule: kvm_timer_earliest_exp");
            }
            return;
        }
        k.sim.cancel(v.bgTimer);
        v.bgTimer = k.sim.schedule(when, KvmEvent.BG_TIMER_EXPIRE, cpu, v.id, 0);
        k.touch(v);
        v.bgDeadlineStale = false;
        if (k.sim.tracing()) {
            k.note(cpu, "background timer armed for t=" + when + " (CVAL " + t.cval + "): bg_armed := 1",
                    "kvm_timer_schedule: from the saved copy");
        }
    }

    /** {@code kvm_timer_unschedule}: restore (v4.15, through the version), then cancel the background timer. */
    void unscheduleCancel(Vcpu v, Frame f) {
        if (!k.config.has(Fault.NO_BG_CANCEL)) {
            f.call(KernelFunction.SOFT_TIMER_CANCEL);
        }
        if (!f.hasCalls()) {
            v.timerScheduled = false; // nothing to return from: the unschedule is over
            k.touch(v);
        }
    }

    /** {@code soft_timer_cancel(&timer->bg_timer, &timer->expired)}. */
    void softTimerCancel(int cpu, Vcpu v) {
        if (v.bgArmed()) {
            k.sim.cancel(v.bgTimer);
            k.note(cpu, "background timer cancelled: bg_armed := 0", "kvm_timer_unschedule");
        } else {
            k.note(cpu, "background timer not armed: nothing to cancel", "kvm_timer_unschedule");
        }
        v.bgTimer = null;
        k.touch(v);
        v.bgDeadlineStale = false;
    }

    /** {@code kvm_bg_timer_expire}: the hrtimer fired. */
    void bgTimerExpire(int cpu, Vcpu v) {
        k.touch(v);
        TimerContext t = v.vtimer;
        v.bgTimer = null;
        k.touch(v);
        v.bgDeadlineStale = false;
        // kvm_timer_earliest_exp: 0 (wake) if a timer that can fire has expired or none can fire
        boolean virtCan = t.enable && !t.imask;
        boolean physCan = v.ptimer.canFire();
        if ((virtCan || physCan) && !k.savedCopyShouldFire(v) && !k.physTimer.shouldFire(v)) {
            armBackgroundTimer(cpu, v); // the deadline moved later (hrtimer_forward_now)
            return;
        }
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "host", Kind.STATE, "kvm_bg_timer_expire: queue kvm_timer_inject_irq_work for " + v.name(),
                    "the blocked vCPU's deadline has come; the work item wakes it (it does not inject)");
        }
        k.sim.scheduleNow(KvmEvent.BG_TIMER_WORK, cpu, v.id, 0);
    }

    /** {@code kvm_timer_inject_irq_work}: wakes the vCPU. */
    void injectIrqWork(Vcpu v) {
        k.vcpuBlock.wakeUp(v, "kvm_timer_inject_irq_work");
    }

    // ---- the host's timer interrupt handler ------------------------------------------------------------------

    /**
     * v4.15 {@code kvm_arch_timer_handler}: a late interrupt with no vCPU loaded is ignored; otherwise, if the line
     * is low, read CTL and raise the line if the live timer fires. It never touches the timer.
     */
    void handlerV415(int cpu) {
        int running = k.cpus[cpu].runningVcpu;
        if (running < 0) {
            k.note(cpu, VTIMER, "no vCPU loaded on pcpu" + cpu + ": return; PPI 27 stays active (forwarded, no DIR)",
                    "kvm_arch_timer_handler");
            return;
        }
        Vcpu v = k.vcpus[running];
        if (v.vtimer.level) {
            if (k.sim.tracing()) {
                k.note(cpu, v.name() + "'s virtual line is already high: nothing to do", "kvm_arch_timer_handler");
            }
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "kvm_arch_timer_handler: does the live timer fire? (fix "
                + "36e5cfd410ad)");
        boolean fires = (ctl & GenericTimer.CTL_ENABLE) != 0 && (ctl & GenericTimer.CTL_ISTATUS) != 0
                && (ctl & GenericTimer.CTL_IMASK) == 0;
        if (fires) {
            updateIrq(cpu, v, true, "kvm_arch_timer_handler: the timer fired");
        } else {
            k.note(cpu, "the live timer does not fire (it was saved or masked): nothing to inject",
                    "kvm_arch_timer_handler");
        }
    }

    // ---- the VMM sets the counter ------------------------------------------------------------------------------

    /** {@code kvm_arm_timer_set_reg(KVM_REG_ARM_TIMER_CNT)}: {@code update_vtimer_cntvoff}, then update_state. */
    void setCounter(int cpu, Vcpu caller, long value) {
        long off = k.sim.now() - value;
        for (Vcpu v : k.vcpus) {
            k.touch(v);
            if (v.vtimer.cntvoff != off) {
                // hazards H1 and H2: a timer loaded elsewhere keeps its old CNTVOFF_EL2 until its next load; a
                // blocked vCPU's background timer keeps the deadline it was armed with, or, if it has fired
                // already, is not armed again when the moved counter makes the timer due later
                v.vtimer.cntvoffStale |= v != caller && v.vtimer.loaded;
                v.bgDeadlineStale |= v.bgArmed() || v.timerScheduled;
            }
            v.vtimer.cntvoff = off;
        }
        k.sim.trace(cpu, "vmm", Kind.STATE, Subject.register(TimerRegister.CNTVOFF_EL2),
                "KVM_REG_ARM_TIMER_CNT := " + value + ": every vCPU's cntvoff := " + off,
                "update_vtimer_cntvoff: the offset is VM-wide; loaded CPUs take it at their next load");
        updateState(cpu, caller);
        k.version.ptimerUpdateState(k, cpu, caller, "kvm_arm_timer_set_reg");
    }
}
