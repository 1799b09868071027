package vtimerlab.engine.kvm;

import vtimerlab.engine.Fault;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.trace.Subject;

/**
 * The guest's EL1 physical timer as KVM emulates it in v4.14 and v4.15: the part of
 * {@code virt/kvm/arm/arch_timer.c} that keeps the timer in memory ({@code vcpu_ptimer}), drives its line into the
 * vGIC and watches its deadline with a soft timer (an hrtimer), and the trapped accessors of
 * {@code arch/arm64/kvm/sys_regs.c} ({@code access_cntp_ctl}, {@code access_cntp_cval}, {@code access_cntp_tval}).
 * No hardware register ever holds this timer: the host keeps the real EL1 physical timer for its own clock. Its
 * interrupt reaches the guest as a purely virtual one: vINTID 30, never mapped (HW = 0), with the EOI bit.
 *
 * <p>Where v4.14 and v4.15 differ, {@link KvmVersion} decides: v4.14 recomputes the line at every exit and entry and
 * arms the shared hrtimer in {@code kvm_timer_flush_hwstate}; v4.15 recomputes it only in
 * {@code kvm_timer_update_state} (a trapped write, the VMM's set-counter) and in the soft timer's callback, keeps a
 * dedicated {@code phys_timer} armed from load to put, and its {@code kvm_timer_vcpu_load} does not raise the line of
 * a deadline that passed while the vCPU was away (the lost interrupt, hazard H3).
 */
final class PhysTimer {
    /** The physical timer's interrupt, the subject of the lines about its line level. */
    static final Subject PTIMER = Subject.intid(Redistributor.PTIMER_INTID);

    private final Kvm k;

    PhysTimer(Kvm k) {
        this.k = k;
    }

    /** {@code kvm_timer_enable} / {@code timer_irqs_are_valid}: vINTID 30 owned by the timer, never mapped. */
    void enable(Vcpu v) {
        k.vgic.enableUnmapped(v, Redistributor.PTIMER_INTID);
    }

    /** {@code kvm_timer_should_fire(ptimer)}: enabled, unmasked, CVAL <= the physical count. */
    boolean shouldFire(Vcpu v) {
        return v.ptimer.shouldFire(k.sim.now());
    }

    /** Nothing about the physical timer could need tracing: disabled or masked, line low, no soft timer. */
    private boolean idle(Vcpu v) {
        return !v.ptimer.canFire() && !v.ptimer.level && !v.ptimerSoftArmed();
    }

    // ---- the trapped accesses (sys_regs.c) --------------------------------------------------------------------

    /** The guest's CNTP_* access traps: remembered for {@code kvm_handle_sys_reg}, then the exit. */
    void trap(Vcpu v, TimerRegister register, boolean write, long value) {
        v.trapRegister = register;
        v.trapWrite = write;
        v.trapValue = value;
        k.stats.ptimerTraps++;
        k.runLoop.exitFromGuest(v, ExitReason.SYSREG, 0);
    }

    /** CNTP_CTL_EL0 as {@code read_timer_ctl} returns it: ISTATUS when CVAL <= now, whatever ENABLE is. */
    long readCtl(Vcpu v) {
        TimerContext p = v.ptimer;
        boolean met = Long.compareUnsigned(p.cval, k.sim.now()) <= 0;
        return (p.enable ? GenericTimer.CTL_ENABLE : 0) | (p.imask ? GenericTimer.CTL_IMASK : 0)
                | (met ? GenericTimer.CTL_ISTATUS : 0);
    }

    /** {@code kvm_handle_sys_reg}: the accessor of the trapped register. */
    void handleSysReg(int cpu, Vcpu v) {
        TimerRegister r = v.trapRegister;
        TimerContext p = v.ptimer;
        long now = k.sim.now();
        k.touch(v);
        String accessor = switch (r) {
            case CNTP_CTL_EL0 -> "access_cntp_ctl";
            case CNTP_CVAL_EL0 -> "access_cntp_cval";
            default -> "access_cntp_tval";
        };
        if (!v.trapWrite) {
            long value = switch (r) {
                case CNTP_CTL_EL0 -> readCtl(v);
                case CNTP_CVAL_EL0 -> p.cval;
                default -> p.cval - now; // the whole 64-bit difference goes to Xt
            };
            if (k.sim.tracing()) {
                k.sim.trace(cpu, "kvm", Kind.REGISTER_READ, Subject.register(r), accessor + ": " + r.name() + " -> "
                        + (r == TimerRegister.CNTP_TVAL_EL0 ? Long.toString(value) : "0x" + Long.toHexString(value))
                        + " from the timer in memory", "emulated: no hardware register is read; the line and the "
                        + "soft timer are not looked at");
            }
            k.guest.trappedReadReturns(v, r, value);
            return;
        }
        long value = v.trapValue;
        switch (r) {
            case CNTP_CTL_EL0 -> p.saveCtl(value);
            case CNTP_CVAL_EL0 -> p.cval = value;
            default -> p.cval = now + value; // not truncated to 32 bits nor sign-extended from bit 31
        }
        if (k.sim.tracing()) {
            String what = switch (r) {
                case CNTP_CTL_EL0 -> "ptimer CTL := ENABLE " + Kvm.bit(p.enable) + " IMASK " + Kvm.bit(p.imask);
                case CNTP_CVAL_EL0 -> "ptimer CVAL := " + Long.toUnsignedString(p.cval);
                default -> "ptimer CVAL := CNTPCT + Xt = " + Long.toUnsignedString(now) + " + " + value + " = "
                        + Long.toUnsignedString(p.cval);
            };
            k.sim.trace(cpu, "kvm", Kind.REGISTER_WRITE, Subject.register(r), accessor + ": " + what,
                    "emulated: the timer lives in memory (vcpu_ptimer), no hardware register is written");
        }
        k.version.ptimerWritten(k, cpu, v);
    }

    // ---- the line into the vGIC ------------------------------------------------------------------------------

    /** {@code kvm_timer_update_irq} for the physical timer: its line level into the vGIC (vINTID 30). */
    void updateIrq(int cpu, Vcpu v, boolean level, String why) {
        v.ptimer.level = level;
        k.touch(v);
        if (k.sim.tracing()) {
            k.note(cpu, PTIMER, "kvm_timer_update_irq: " + v.name() + " physical timer line := " + Kvm.bit(level),
                    why);
        }
        k.vgic.injectIrq(cpu, v, Redistributor.PTIMER_INTID, level);
    }

    /** The physical timer's half of {@code kvm_timer_update_state}: level := should_fire when it changed. */
    void updateLevel(int cpu, Vcpu v) {
        if (v.ptimerLostAtLoad) {
            v.ptimerLostAtLoad = false;
            k.touch(v);
        }
        boolean fire = shouldFire(v);
        if (fire != v.ptimer.level) {
            updateIrq(cpu, v, fire, fire ? "kvm_timer_update_state: the physical timer fires"
                    : "kvm_timer_update_state: the physical timer no longer fires");
        }
    }

    // ---- the soft timer ------------------------------------------------------------------------------------------

    /** Starts the soft timer for the physical timer's deadline (CVAL in physical ticks: no offset). */
    void softTimerStart(int cpu, Vcpu v, String why) {
        k.sim.cancel(v.ptimerSoftTimer);
        v.ptimerSoftTimer = null;
        k.touch(v);
        if (k.config.has(Fault.NO_PTIMER_SOFT_TIMER)) {
            k.note(cpu, PTIMER, "fault no-ptimer-soft-timer: no soft timer for the physical timer", "fault lab");
            return;
        }
        long when = v.ptimer.cval;
        if (Long.compareUnsigned(when, k.sim.now()) <= 0) {
            return; // callers start it only for a deadline still ahead
        }
        v.ptimerSoftTimer = k.sim.schedule(when, KvmEvent.PTIMER_SOFT_TIMER_EXPIRE, v.pcpu, v.id, 0);
        if (k.sim.tracing()) {
            k.note(cpu, PTIMER, "soft timer armed for the physical timer: t=" + Long.toUnsignedString(when)
                    + ": soft_armed := 1", why);
        }
    }

    /** Cancels the soft timer if it is armed. */
    void softTimerCancel(int cpu, Vcpu v, String why) {
        if (!v.ptimerSoftArmed()) {
            return;
        }
        k.sim.cancel(v.ptimerSoftTimer);
        v.ptimerSoftTimer = null;
        k.touch(v);
        if (k.sim.tracing()) {
            k.note(cpu, PTIMER, "soft timer of the physical timer cancelled: soft_armed := 0", why);
        }
    }

    /**
     * v4.15 {@code phys_timer_emulate}: an expired or silenced timer needs no soft timer (cancel it); otherwise start
     * it for the remaining time. It never touches the line.
     */
    void physTimerEmulate(int cpu, Vcpu v, String caller) {
        TimerContext p = v.ptimer;
        if (shouldFire(v) || !p.canFire()) {
            softTimerCancel(cpu, v, caller + ": phys_timer_emulate: the timer " + (p.canFire() ? "has expired"
                    : "cannot fire") + ", no soft timer");
            return;
        }
        softTimerStart(cpu, v, caller + ": phys_timer_emulate: the deadline is ahead");
    }

    /** v4.15 {@code kvm_timer_update_state}'s physical-timer part: the level, then {@code phys_timer_emulate}. */
    void updateStateV415(int cpu, Vcpu v, String caller) {
        updateLevel(cpu, v);
        physTimerEmulate(cpu, v, caller);
    }

    /** v4.14 {@code kvm_timer_emulate}, from {@code kvm_timer_flush_hwstate}: arm the shared hrtimer if needed. */
    void emulateV414(int cpu, Vcpu v) {
        if (v.ptimer.canFire() && !shouldFire(v)) {
            softTimerStart(cpu, v, "kvm_timer_flush_hwstate: kvm_timer_emulate arms timer->timer for the physical "
                    + "timer while the guest runs");
        }
    }

    /** v4.14 {@code kvm_timer_sync_hwstate}: {@code timer_disarm}, then the level. */
    void syncV414(int cpu, Vcpu v) {
        softTimerCancel(cpu, v, "kvm_timer_sync_hwstate: timer_disarm");
        if (!idle(v)) {
            updateLevel(cpu, v);
        }
    }

    /** v4.14 {@code kvm_timer_flush_hwstate}'s physical-timer part: the level, then {@code kvm_timer_emulate}. */
    void flushV414(int cpu, Vcpu v) {
        if (idle(v)) {
            return;
        }
        updateLevel(cpu, v);
        emulateV414(cpu, v);
    }

    /**
     * v4.15 {@code kvm_timer_vcpu_load}'s last step, {@code phys_timer_emulate}: a deadline still ahead gets its soft
     * timer again; one that passed while the vCPU was away is cancelled and nothing else: the vGIC is not told.
     */
    void vcpuLoadV415(int cpu, Vcpu v) {
        if (idle(v)) {
            return;
        }
        boolean lost = shouldFire(v) && !v.ptimer.level;
        physTimerEmulate(cpu, v, "kvm_timer_vcpu_load");
        if (lost) {
            v.ptimerLostAtLoad = true;
            k.touch(v);
            k.sim.trace(cpu, "kvm", Kind.WARNING, PTIMER, v.name() + "'s physical timer expired while it was away, "
                    + "but its line stays 0: vINTID 30 is lost", "kvm_timer_vcpu_load (v4.15) calls "
                    + "phys_timer_emulate only: the vcpu_put cancelled the soft timer before it could inject, and "
                    + "the load does not call kvm_timer_update_irq");
        }
    }

    /** v4.15 {@code kvm_timer_vcpu_put}: cancel {@code phys_timer} (a blocked vCPU has the background timer). */
    void vcpuPutV415(int cpu, Vcpu v) {
        softTimerCancel(cpu, v, "kvm_timer_vcpu_put: soft_timer_cancel(phys_timer)");
    }

    /**
     * The soft timer fires: the host's own timer interrupts the CPU. A guest running there exits first (the host
     * takes its interrupt at EL2); then the version's callback runs. The kernel runs the callback once the host has
     * re-enabled interrupts after the exit; nothing in between looks at the physical timer, so the engine runs it at
     * once.
     */
    void softTimerExpire(int cpu, Vcpu v) {
        v.ptimerSoftTimer = null;
        k.touch(v);
        if (v.inGuest) {
            if (k.sim.tracing()) {
                k.sim.trace(cpu, "host", Kind.STATE, PTIMER, "the host's timer interrupt (an hrtimer expired) stops "
                        + v.name() + "'s guest", "the soft timer of the emulated physical timer is a host hrtimer");
            }
            k.runLoop.exitFromGuest(v, ExitReason.HOST_HRTIMER, 0);
        }
        k.version.ptimerSoftTimerExpire(k, cpu, v);
    }

    /** v4.15 {@code kvm_phys_timer_expire}: the callback injects the interrupt itself. */
    void physTimerExpireV415(int cpu, Vcpu v) {
        if (!shouldFire(v)) {
            // hrtimer_forward_now: the deadline moved later (or the timer was silenced) since it was armed
            physTimerEmulate(cpu, v, "kvm_phys_timer_expire");
            return;
        }
        updateIrq(cpu, v, true, "kvm_phys_timer_expire: the physical timer's deadline has come");
    }

    /** v4.14 {@code kvm_timer_expire}: the callback only queues the wake-up work; the exit's sync raises the line. */
    void timerExpireV414(int cpu, Vcpu v) {
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "host", Kind.STATE, PTIMER, "kvm_timer_expire: " + v.name() + " is not blocked, the "
                    + "wake-up work finds it awake", "v4.14: the callback never injects; kvm_timer_sync_hwstate after the exit "
                    + "raises the line");
        }
    }

    /** The physical timer's part of {@code kvm_timer_is_pending} / {@code kvm_cpu_has_pending_timer}. */
    boolean isPending(Vcpu v) {
        return v.ptimer.level || shouldFire(v);
    }
}
