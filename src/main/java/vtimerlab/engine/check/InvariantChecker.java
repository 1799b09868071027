package vtimerlab.engine.check;

import java.util.HashSet;
import java.util.Set;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.kvm.Kvm;
import vtimerlab.engine.kvm.Vcpu;

/**
 * Checks the design's invariants after every engine event (semantics §9). A violation is recorded once, when it
 * starts, as a trace line of the event that caused it, and counted in {@code invariants.violations}.
 */
public final class InvariantChecker {
    private final Simulation sim;
    private final Platform hw;
    private final Kvm kvm;
    private final MachineConfig config;
    private final Set<String> active = new HashSet<>();
    private final Set<String> now = new HashSet<>();
    private final boolean[] assertedSinceAck;
    private final long[] ackEvent;
    private long violations;

    public InvariantChecker(Simulation sim, Platform hw, Kvm kvm, MachineConfig config) {
        this.sim = sim;
        this.hw = hw;
        this.kvm = kvm;
        this.config = config;
        this.assertedSinceAck = new boolean[config.vcpus()];
        this.ackEvent = new long[config.vcpus()];
        java.util.Arrays.fill(ackEvent, Long.MIN_VALUE);
    }

    public long violations() {
        return violations;
    }

    /** A violation found by another part of the engine (the storm watchdog). */
    public void report(String text) {
        violations++;
        sim.trace(-1, "checker", Kind.VIOLATION, text, "watchdog");
    }

    /**
     * I10 (as this engine states it): the guest acknowledges its timer interrupt only if the timer's output was
     * asserted at some moment since its previous acknowledgement. The reference's "cntvct >= cval at the IAR" is
     * stricter than KVM v4.15 itself: a guest that reprograms its timer between the expiry and the acknowledgement
     * still takes the interrupt KVM queued (semantics §6.3, "guest disables or masks the timer before
     * acknowledging").
     */
    public void onTimerAck(int vcpu) {
        if (!assertedSinceAck[vcpu]) {
            violate("I10:" + vcpu, "I10 vcpu" + vcpu + " took a timer interrupt that no expiry raised",
                    "the guest never sees a timer interrupt before its deadline");
            active.remove("I10:" + vcpu);
        }
        assertedSinceAck[vcpu] = false;
        ackEvent[vcpu] = sim.currentEvent();
    }

    /** Runs every check; called after each event and command. */
    public void afterEvent() {
        now.clear();
        boolean optimized = config.design() == Design.OPTIMIZED;
        int[] loadedOn = new int[hw.count()];
        java.util.Arrays.fill(loadedOn, -1);
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            Vcpu v = kvm.vcpu(i);
            if (v.loaded()) {
                if (loadedOn[v.pcpu()] >= 0) {
                    check(false, "I2:" + v.pcpu(), "I2 two vCPUs (vcpu" + loadedOn[v.pcpu()] + ", vcpu" + i
                            + ") are loaded on pcpu" + v.pcpu(), "at most one vCPU is loaded per CPU");
                }
                loadedOn[v.pcpu()] = i;
            }
            boolean guest = v.mode() == Vcpu.Mode.GUEST;
            if (optimized) {
                check(!guest || v.loaded(), "I3:" + i, "I3 vcpu" + i + " runs guest code with its timer not loaded",
                        "a running vCPU in the optimized design is loaded");
            } else {
                check(v.loaded() == (v.inGuest() || v.exiting()), "I3:" + i, "I3 vcpu" + i + " (legacy) loaded = "
                        + (v.loaded() ? 1 : 0) + " outside guest mode", "legacy: loaded exactly while in the guest");
            }
            check(!v.bgArmed() || v.inBlock(), "I5:" + i, "I5 vcpu" + i + "'s background timer is armed but it is "
                    + "not blocking", "the bg timer is armed only while the vCPU blocks");
            boolean asserted = v.loaded() ? hw.cpu(v.pcpu()).timer().output(hw.counter()) : kvm.savedCopyShouldFire(v);
            if (asserted && ackEvent[i] != sim.currentEvent()) {
                assertedSinceAck[i] = true;
            }
        }
        for (int c = 0; c < hw.count(); c++) {
            PhysicalCpu pc = hw.cpu(c);
            if (optimized && loadedOn[c] < 0) {
                check(!pc.timer().enabled(), "I4:" + c, "I4 pcpu" + c + "'s timer is enabled with no vCPU loaded",
                        "save leaves the hardware timer off");
            }
            boolean expectForward = optimized && !config.has(Fault.NO_FORWARDING);
            check(pc.vtimerIrq().forwarded() == expectForward, "I12:" + c, "I12 pcpu" + c + " PPI 27 forwarded = "
                    + (pc.vtimerIrq().forwarded() ? 1 : 0), "forwarding is set by kvm_timer_hyp_init in v4.15 only");
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < pc.virtualInterface().count(); k++) {
                ListRegister lr = pc.virtualInterface().lr(k);
                if (!lr.valid()) {
                    continue;
                }
                check(!(lr.hw() && lr.state() == ListRegister.State.PENDING_ACTIVE), "I8hw:" + c + ":" + k,
                        "I8 pcpu" + c + " LR" + k + " has HW=1 and is pending+active",
                        "GICv3 ICH_LR<n>_EL2.HW: software never writes both");
                check(seen.add(lr.vintid()), "I8dup:" + c + ":" + lr.vintid(), "I8 pcpu" + c
                        + " holds vINTID " + lr.vintid() + " in two LRs", "no two LRs hold the same vINTID");
            }
        }
        active.retainAll(now);
    }

    private void check(boolean ok, String key, String text, String rule) {
        if (!ok) {
            violate(key, text, rule);
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
