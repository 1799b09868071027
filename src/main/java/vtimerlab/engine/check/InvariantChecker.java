package vtimerlab.engine.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import vtimerlab.engine.Fault;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.NotCopiedBySnapshot;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.guest.GuestKernel;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.hardware.PrivateInterrupt;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.kvm.Kvm;
import vtimerlab.engine.kvm.TimerContext;
import vtimerlab.engine.kvm.Vcpu;
import vtimerlab.engine.kvm.VgicIrq;

/**
 * Checks the design's invariants after every engine event (semantics.md §9, issue 3). A violation is recorded once,
 * when it starts, as a trace line of the event that caused it (so "why?" leads back to its cause), and counted in
 * {@code invariants.violations}. Each check names the rule it comes from.
 */
public final class InvariantChecker {
    @NotCopiedBySnapshot("the copied simulation, passed in")
    private final Simulation sim;
    @NotCopiedBySnapshot("the copied hardware, passed in")
    private final Platform hw;
    @NotCopiedBySnapshot("the copied KVM, passed in")
    private final Kvm kvm;
    private final MachineConfig config;
    @NotCopiedBySnapshot("the copied guests, passed in")
    private final GuestKernel guests;
    /** Per vCPU: its I10 at-rest violation is going on (recorded once, when it starts). */
    private final boolean[] missedAtRest;
    private final Set<String> active = new HashSet<>();
    @NotCopiedBySnapshot("scratch: cleared at the start of every check")
    private final Set<String> now = new HashSet<>();
    private final boolean[] assertedSinceAck;
    private final long[] ackEvent;
    /** Scratch for afterEvent: the vCPU loaded on each CPU (-1 for none). */
    @NotCopiedBySnapshot("scratch: filled at the start of every check")
    private final int[] loadedOn;
    private long violations;
    private long hazards;

    public InvariantChecker(Simulation sim, Platform hw, Kvm kvm, MachineConfig config, GuestKernel guests) {
        this.sim = sim;
        this.hw = hw;
        this.kvm = kvm;
        this.config = config;
        this.guests = guests;
        this.assertedSinceAck = new boolean[config.vcpus()];
        this.ackEvent = new long[config.vcpus()];
        Arrays.fill(ackEvent, Long.MIN_VALUE);
        this.loadedOn = new int[hw.count()];
        this.missedAtRest = new boolean[config.vcpus()];
    }

    /** A copy for a snapshot, on the copied machine. */
    public InvariantChecker(InvariantChecker o, Simulation sim, Platform hw, Kvm kvm, GuestKernel guests) {
        this.sim = sim;
        this.hw = hw;
        this.kvm = kvm;
        this.config = o.config;
        this.guests = guests;
        this.active.addAll(o.active);
        this.missedAtRest = o.missedAtRest.clone();
        this.assertedSinceAck = o.assertedSinceAck.clone();
        this.ackEvent = o.ackEvent.clone();
        this.loadedOn = new int[hw.count()];
        this.violations = o.violations;
        this.hazards = o.hazards;
    }

    /** Model errors: rules the engine broke. 0 in every run without a fault. */
    public long violations() {
        return violations;
    }

    /** Named kernel hazards seen ({@link Hazard}): real kernel behaviour the checker points out. */
    public long hazards() {
        return hazards;
    }

    /** A violation found by another part of the engine (the storm watchdog). */
    public void report(String text) {
        violations++;
        sim.trace(-1, "checker", Kind.VIOLATION, text, "watchdog: a host interrupt storm");
    }

    /** I7 (GICv3 4.1.2): an INTID is never acknowledged again while it is active. Host side. */
    public void onHostAck(int cpu, int intid, boolean wasActive) {
        if (wasActive) {
            violate("I7:p" + cpu + ":" + intid, "I7 pcpu" + cpu + " acknowledged INTID " + intid + " while it was "
                    + "active", "GICv3 4.1.2: an active interrupt is not signalled again until deactivated");
            active.remove("I7:p" + cpu + ":" + intid);
        }
    }

    /** I7 for the guest: a vINTID is never acknowledged while an LR still holds it active. */
    public void onGuestAck(int vcpu, int intid, boolean wasActive) {
        if (wasActive) {
            violate("I7:v" + vcpu + ":" + intid, "I7 vcpu" + vcpu + " acknowledged vINTID " + intid + " while it was "
                    + "active in an LR", "GICv3 ICV_IAR1_EL1: only a pending LR is acknowledged");
            active.remove("I7:v" + vcpu + ":" + intid);
        }
    }

    /**
     * I10, first half (as this engine states it): the guest acknowledges its timer interrupt only if the timer's
     * output was asserted at some moment since its previous acknowledgement. The reference's "cntvct >= cval at the
     * IAR" is stricter than KVM v4.15 itself: a guest that reprograms its timer between the expiry and the
     * acknowledgement still takes the interrupt KVM queued (semantics §6.3).
     */
    public void onTimerAck(int vcpu) {
        if (!assertedSinceAck[vcpu] && kvm.vcpu(vcpu).vtimer().cntvoffStale()) {
            // kvm_timer_should_fire (v4.15 arch_timer.c) judges the saved CVAL with the vCPU's new offset, so
            // kvm_timer_sync_hwstate keeps the line high though the hardware timer (old CNTVOFF_EL2) never fired
            hazard("H1ack:" + vcpu, Hazard.STALE_CNTVOFF, "vcpu" + vcpu + " took a timer interrupt its hardware "
                    + "timer has not raised: KVM judged the deadline with the new offset, the guest's counter runs "
                    + "with the old CNTVOFF_EL2");
            active.remove("H1ack:" + vcpu);
        } else if (!assertedSinceAck[vcpu]) {
            violate("I10:" + vcpu, "I10 vcpu" + vcpu + " took a timer interrupt that no expiry raised",
                    "the guest never sees a timer interrupt before its deadline");
            active.remove("I10:" + vcpu);
        }
        assertedSinceAck[vcpu] = false;
        ackEvent[vcpu] = sim.currentEvent();
    }

    /** The vCPU's timer as the guest sees it, wherever it lives (the hardware while loaded, else the saved copy). */
    private boolean timerAsserted(Vcpu v) {
        return v.loaded() ? hw.cpu(v.pcpu()).timer().output(hw.counter()) : kvm.savedCopyShouldFire(v);
    }

    /** Enabled, unmasked, not yet fired, and due before the 64-bit counter ends (as soft_timer_start needs). */
    private boolean timerCanStillFire(Vcpu v) {
        long now = hw.counter();
        if (v.loaded()) {
            GenericTimer t = hw.cpu(v.pcpu()).timer();
            return t.enabled() && !t.masked() && !t.conditionMet(now)
                    && Long.compareUnsigned(now + (t.cval() - t.virtualCount(now)), now) >= 0;
        }
        TimerContext t = v.vtimer();
        return t.enable() && !t.imask() && !kvm.savedCopyShouldFire(v)
                && Long.compareUnsigned(now + (t.cval() - (now - t.cntvoff())), now) >= 0;
    }

    /** When the vCPU's timer fires, in system-counter ticks: CVAL + CNTVOFF of wherever the timer lives. */
    private long deadline(Vcpu v) {
        if (v.loaded()) {
            GenericTimer t = hw.cpu(v.pcpu()).timer();
            return t.cval() + t.cntvoff();
        }
        return v.vtimer().cval() + v.vtimer().cntvoff();
    }

    /**
     * Runs the checks that hold after every event and command. It runs after every engine event, so it allocates
     * nothing while every check holds: a check's key and message are built only when it fails.
     */
    public void afterEvent() {
        now.clear();
        // I3, I4 and I6 depend on where the version keeps the timer while a vCPU runs (v4.15: loaded from load to put)
        boolean optimized = kvm.version().timerLoadedOutsideGuest();
        int[] loadedOn = this.loadedOn;
        Arrays.fill(loadedOn, -1);
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            Vcpu v = kvm.vcpu(i);
            PhysicalCpu pc = hw.cpu(v.pcpu());
            if (v.loaded()) {
                if (loadedOn[v.pcpu()] >= 0) {
                    violate("I2:" + v.pcpu(), "I2 two vCPUs (vcpu" + loadedOn[v.pcpu()] + ", vcpu" + i
                            + ") are loaded on pcpu" + v.pcpu(), "at most one vCPU is loaded per CPU");
                }
                loadedOn[v.pcpu()] = i;
            }
            boolean guest = v.mode() == Vcpu.Mode.GUEST;
            // I1: the timer lives in exactly one place: loaded -> this CPU's hardware (and its CNTVOFF_EL2 is the
            // vCPU's while the guest runs), not loaded -> the saved copy (and the hardware timer is not its)
            if (guest && !(v.loaded() && pc.timer().cntvoff() == v.vtimer().cntvoff())) {
                if (v.loaded() && v.vtimer().cntvoffStale()) {
                    hazard("H1:" + i, Hazard.STALE_CNTVOFF, "vcpu" + i + " runs guest code with CNTVOFF_EL2 = "
                            + pc.timer().cntvoff() + " on pcpu" + v.pcpu() + ", the offset before the VMM moved the "
                            + "counter (now " + v.vtimer().cntvoff() + "); it takes the new one at its next load");
                } else {
                    violate("I1:" + i, "I1 vcpu" + i + " runs guest "
                            + "code but its timer is not in pcpu" + v.pcpu() + "'s registers (loaded = "
                            + (v.loaded() ? 1 : 0) + ", CNTVOFF_EL2 = " + pc.timer().cntvoff() + ", its offset "
                            + v.vtimer().cntvoff() + ")", "arch_timer.c: loaded means the CPU's registers hold the "
                            + "vCPU's timer");
                }
            }
            if (optimized) {
                if (!(!guest || v.loaded())) {
                    violate("I3:" + i, "I3 vcpu" + i + " runs guest code with its timer not loaded",
                            "a running vCPU in the optimized design is loaded");
                }
            } else if (v.loaded() != (v.inGuest() || v.exiting())) {
                violate("I3:" + i, "I3 vcpu" + i + " (legacy) loaded = "
                        + (v.loaded() ? 1 : 0) + " outside guest mode", "legacy: loaded exactly while in the guest");
            }
            // I5: the bg timer is armed exactly while the vCPU is blocked (between kvm_timer_schedule and
            // kvm_timer_unschedule) with an enabled, unmasked timer that has not fired, and for that timer's deadline
            // (CVAL + CNTVOFF in system-counter ticks); a deadline from before a set-counter is the hazard H2
            boolean shouldBeArmed = v.timerScheduled() && timerCanStillFire(v);
            boolean expiringNow = v.bgArmed() && v.timerScheduled() && v.bgDeadline() == hw.counter();
            boolean wrongDeadline = v.bgArmed() && shouldBeArmed && !expiringNow && v.bgDeadline() != deadline(v);
            if (!(v.bgArmed() == shouldBeArmed || expiringNow) || wrongDeadline) {
                if (v.loaded() && v.vtimer().cntvoffStale()) {
                    // the hardware counts with the old offset: its view of the deadline is the stale one
                    hazard("H1:" + i, Hazard.STALE_CNTVOFF, "vcpu" + i + "'s timer is loaded on pcpu" + v.pcpu()
                            + " with CNTVOFF_EL2 = " + pc.timer().cntvoff() + ", the offset before the VMM moved the "
                            + "counter (now " + v.vtimer().cntvoff() + "), so the hardware's deadline is not the "
                            + "saved copy's");
                } else if (v.bgDeadlineStale()) {
                    hazard("H2:" + i, Hazard.STALE_BG_DEADLINE, "vcpu" + i + " sleeps with its background timer "
                            + "at t=" + Long.toUnsignedString(v.bgDeadline()) + ", armed before the VMM moved the "
                            + "counter" + (shouldBeArmed ? "; its deadline is now t="
                            + Long.toUnsignedString(deadline(v)) : "; its timer has expired since"));
                } else {
                    violate("I5:" + i, "I5 vcpu" + i + "'s background timer is "
                            + (v.bgArmed() ? "armed" : "not armed") + " but the vCPU " + (v.timerScheduled()
                            ? (wrongDeadline ? "blocks with a timer due at t=" + Long.toUnsignedString(deadline(v))
                            : shouldBeArmed ? "blocks with a timer that will fire"
                            : "blocks with a timer that cannot fire")
                            : "is not blocking"), "arch_timer.c kvm_timer_schedule / kvm_timer_unschedule");
                }
            }
            if (timerAsserted(v) && ackEvent[i] != sim.currentEvent()) {
                assertedSinceAck[i] = true;
            }
        }
        boolean expectForward = kvm.version().forwardsTimerInterrupt() && !config.has(Fault.NO_FORWARDING);
        for (int c = 0; c < hw.count(); c++) {
            PhysicalCpu pc = hw.cpu(c);
            if (optimized && loadedOn[c] < 0 && pc.timer().enabled()) {
                violate("I4:" + c, "I4 pcpu" + c + "'s timer is enabled with no vCPU loaded",
                        "vtimer_save_state leaves the hardware timer off");
            }
            PrivateInterrupt ppi = pc.vtimerIrq();
            if (ppi.forwarded() != expectForward) {
                violate("I12:" + c, "I12 pcpu" + c + " PPI 27 forwarded = "
                        + (ppi.forwarded() ? 1 : 0), "forwarding is set by kvm_timer_hyp_init in v4.15 only");
            }
            int loadedVcpu = loadedOn[c];
            if (optimized && ppi.forwarded() && ppi.active() && loadedVcpu >= 0 && !kvm.inHostInterrupt(c)
                    && kvm.vcpu(loadedVcpu).mode() == Vcpu.Mode.GUEST) {
                Vcpu v = kvm.vcpu(loadedVcpu);
                VgicIrq irq = v.irq(Redistributor.VTIMER_INTID);
                boolean held = v.vtimer().level() || irq.active() || irq.pending() || hwLrHolds(pc, 27);
                if (!held) {
                    violate("I6:" + c, "I6 PPI 27 is active on pcpu" + c + " but vcpu" + loadedVcpu + " loaded there "
                            + "holds no timer interrupt (no HW LR, vGIC line low and not active)",
                            "a forwarded interrupt that is active belongs to the vCPU loaded there (semantics §9 I6)");
                }
            }
            int current = kvm.currentVcpu(c);
            boolean inGuest = current >= 0 && kvm.vcpu(current).inGuest();
            for (int k = 0; k < pc.virtualInterface().count(); k++) {
                ListRegister lr = pc.virtualInterface().lr(k);
                if (!lr.valid()) {
                    continue;
                }
                if (lr.hw() && lr.state() == ListRegister.State.PENDING_ACTIVE) {
                    violate("I8hw:" + c + ":" + k, "I8 pcpu" + c + " LR" + k + " has HW=1 and is pending+active",
                            "GICv3 ICH_LR<n>_EL2.HW: software never writes both");
                }
                if (heldByEarlierLr(pc, k, lr.vintid())) {
                    violate("I8dup:" + c + ":" + lr.vintid(), "I8 pcpu" + c
                            + " holds vINTID " + lr.vintid() + " in two LRs", "no two LRs hold the same vINTID");
                }
                if (inGuest && lr.hw() && Redistributor.isPrivate(lr.pintid())
                        && !pc.redistributor().irq(lr.pintid()).active()) {
                    Vcpu cur = kvm.vcpu(current);
                    if (cur.loaded() && cur.vtimer().cntvoffStale() && lr.vintid() == Redistributor.VTIMER_INTID) {
                        // the saved copy (new offset) fired and KVM queued it as a mapped interrupt, but the hardware
                        // timer (old CNTVOFF_EL2) has not, and kvm_timer_unschedule restores CVAL and CTL only: the
                        // physical PPI is set active at the next kvm_timer_vcpu_load
                        hazard("H1lr:" + c + ":" + k, Hazard.STALE_CNTVOFF, "pcpu" + c + " LR" + k + " holds vcpu"
                                + current + "'s timer interrupt with HW=1 but PPI 27 is not active: the saved copy "
                                + "fired with the new offset, the hardware counts with the old one");
                        continue;
                    }
                    violate("I8b:" + c + ":" + k, "I8b pcpu" + c + " LR"
                            + k + " (HW=1, " + lr.state().pathName() + ") runs in the guest but physical INTID "
                            + lr.pintid() + " is not active", "GICv3 ch. 6; KVM commit 0e3dfda91d9f: a HW LR "
                            + "requires its physical interrupt active");
                }
            }
        }
        if (!active.isEmpty()) {
            active.retainAll(now);
        }
    }

    /** A valid LR before LR {@code k} already holds {@code vintid} (I8: no two LRs hold the same vINTID). */
    private static boolean heldByEarlierLr(PhysicalCpu pc, int k, int vintid) {
        for (int j = 0; j < k; j++) {
            ListRegister lr = pc.virtualInterface().lr(j);
            if (lr.valid() && lr.vintid() == vintid) {
                return true;
            }
        }
        return false;
    }

    private static boolean activeInLr(PhysicalCpu pc, int vintid) {
        for (int k = 0; k < pc.virtualInterface().count(); k++) {
            ListRegister lr = pc.virtualInterface().lr(k);
            if (lr.valid() && lr.vintid() == vintid && lr.state().active()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hwLrHolds(PhysicalCpu pc, int vintid) {
        for (int k = 0; k < pc.virtualInterface().count(); k++) {
            ListRegister lr = pc.virtualInterface().lr(k);
            if (lr.valid() && lr.hw() && lr.vintid() == vintid) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks at the end of an instant, when every event due now has run (kernel code takes no time, so by then the
     * guest has taken every interrupt it can take). I10, second half: the guest never misses a timer interrupt whose
     * condition stays met: a vCPU running guest code with PSTATE.I clear, its vINTID 27 enabled and a handler of its
     * own, whose timer output is asserted, has taken it.
     */
    public void atRest() {
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            Vcpu v = kvm.vcpu(i);
            // able to take it: running guest code, PSTATE.I clear, not inside its handler, a handler of its own,
            // vINTID 27 enabled and not still active (acknowledged but not yet EOI'd, in the vGIC or an LR)
            boolean stillActive = v.irq(Redistributor.VTIMER_INTID).active()
                    || activeInLr(hw.cpu(v.pcpu()), Redistributor.VTIMER_INTID);
            boolean able = v.mode() == Vcpu.Mode.GUEST && !guests.irqsMasked(i) && !guests.inHandler(i)
                    && guests.handlesInterrupts(i) && v.irq(Redistributor.VTIMER_INTID).enabled() && !stillActive;
            if (able && timerAsserted(v)) {
                if (!missedAtRest[i]) {
                    missedAtRest[i] = true;
                    violations++;
                    sim.trace(v.pcpu(), "checker", Kind.VIOLATION, "I10 vcpu" + i + "'s timer has fired and it can take "
                            + "interrupts, but it has not taken one", "the guest never misses a timer interrupt whose "
                            + "condition stays met");
                }
            } else {
                missedAtRest[i] = false;
            }
        }
    }

    /** A named kernel hazard starts (counted once, while it lasts): real behaviour, not a model error. */
    private void hazard(String key, Hazard h, String text) {
        now.add(key);
        if (active.add(key)) {
            hazards++;
            sim.trace(-1, "checker", Kind.HAZARD, h.id() + " " + text, h.title() + ": the kernel does this; not an "
                    + "error of the model");
        }
    }

    private void violate(String key, String text, String rule) {
        now.add(key);
        if (active.add(key)) {
            violations++;
            sim.trace(-1, "checker", Kind.VIOLATION, text, rule);
        }
    }
}
