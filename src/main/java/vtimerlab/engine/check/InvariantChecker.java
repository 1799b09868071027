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
 *
 * <p>After an event it looks again only at what the event touched ({@link Mode#INCREMENTAL}): the CPUs whose state
 * the event changed ({@link Simulation#touchCpu}: the event's CPU, a CPU whose hardware was written, the CPU of a
 * vCPU that was kicked, woken, injected, scheduled or moved) and the vCPUs assigned to them, plus every vCPU whose
 * timer crosses a deadline by the passage of time alone (its condition, its background timer). A command, a
 * restored snapshot and the machine's set-up make it look at everything. What it finds is the same as looking at
 * everything after every event ({@link Mode#FULL}); {@link Mode#AUDITED} does both and fails loudly if they ever
 * differ (the test suite runs in that mode).
 */
public final class InvariantChecker {
    /** How much the checker looks at after each event. */
    public enum Mode {
        /** Every vCPU and CPU after every event. */
        FULL,
        /** What the event touched, and what time moved (the default). */
        INCREMENTAL,
        /** Incremental, and a full check beside it that must find exactly the same: for tests. */
        AUDITED;

        /** The mode a new machine uses: the system property {@code vtimerlab.checker} (full|incremental|audited). */
        public static Mode byDefault() {
            String p = System.getProperty("vtimerlab.checker", "incremental");
            return switch (p) {
                case "full" -> FULL;
                case "audited" -> AUDITED;
                default -> INCREMENTAL;
            };
        }
    }

    private static final Mode DEFAULT_MODE = Mode.byDefault();

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
    private Mode mode = DEFAULT_MODE;
    /** The next check looks at everything: after set-up, a command's direct action, a restored snapshot. */
    @NotCopiedBySnapshot("a copy looks at everything at its first check")
    private boolean allDirty = true;
    /** The next at-rest check looks at every vCPU. */
    @NotCopiedBySnapshot("a copy looks at everything at its first check")
    private boolean restAll = true;
    // What the incremental check remembers between events; a copy rebuilds it at its first check, which looks at
    // everything.
    /** Per vCPU, as of its last check: loaded, and its CPU. */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final boolean[] lastLoaded;
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final int[] lastPcpu;
    /** Per CPU, as of its last check: the vCPU loaded there, the vCPU whose thread runs there (-1 for none). */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final int[] lastLoadedOn;
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final int[] lastCurrentOn;
    /** Per vCPU: the counter value (unsigned) from which time alone may change what its checks find. */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final long[] recheckAt;
    /** The earliest of {@link #recheckAt}. */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private long earliestRecheck;
    /** Bit i: look at vCPU i again after the next event (its timer was acknowledged in this one). */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final long[] recheckNext;
    /** Per vCPU: looked at since the last at-rest check (what that check must look at again). */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final boolean[] restLook;
    /** Per vCPU: the counter value from which time alone may change what the at-rest check finds. */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private final long[] restRecheckAt;
    /** Bit i: vCPU i is looked at in this check. */
    @NotCopiedBySnapshot("scratch: filled by every check")
    private final long[] look;
    /** How many of {@link #recheckNext} are set. */
    @NotCopiedBySnapshot("rebuilt by the copy's first check")
    private int recheckNextCount;
    @NotCopiedBySnapshot("scratch: filled by every check")
    private long cpusChecked;
    @NotCopiedBySnapshot("scratch: filled by every check")
    private boolean i2Checked;
    /** The audit's full pass: what it finds goes here instead of the trace. */
    @NotCopiedBySnapshot("scratch: the audit's full pass")
    private Set<String> collecting;
    @NotCopiedBySnapshot("scratch: the audit's full pass")
    private final Set<String> auditNow = new HashSet<>();
    @NotCopiedBySnapshot("scratch: the audit's full pass")
    private final boolean[] auditAsserted;
    @NotCopiedBySnapshot("scratch: the audit's full pass")
    private final boolean[] auditMissed;

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
        int n = config.vcpus();
        this.lastLoaded = new boolean[n];
        this.lastPcpu = new int[n];
        this.lastLoadedOn = new int[hw.count()];
        this.lastCurrentOn = new int[hw.count()];
        this.recheckAt = new long[n];
        this.recheckNext = new long[(n + 63) >>> 6];
        this.restLook = new boolean[n];
        this.restRecheckAt = new long[n];
        this.look = new long[(n + 63) >>> 6];
        this.auditAsserted = new boolean[n];
        this.auditMissed = new boolean[n];
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
        this.mode = o.mode;
        int n = o.recheckAt.length;
        this.lastLoaded = new boolean[n];
        this.lastPcpu = new int[n];
        this.lastLoadedOn = new int[hw.count()];
        this.lastCurrentOn = new int[hw.count()];
        this.recheckAt = new long[n];
        this.recheckNext = new long[(n + 63) >>> 6];
        this.restLook = new boolean[n];
        this.restRecheckAt = new long[n];
        this.look = new long[(n + 63) >>> 6];
        this.auditAsserted = new boolean[n];
        this.auditMissed = new boolean[n];
    }

    /** How much the checker looks at after each event (the same findings in every mode). */
    public void setMode(Mode mode) {
        this.mode = mode;
        this.allDirty = true;
        this.restAll = true;
    }

    public Mode mode() {
        return mode;
    }

    /** Something other than an event changed the machine (a command's direct action): look at everything next. */
    public void invalidate() {
        allDirty = true;
        restAll = true;
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
            violate("a/I7:p" + cpu + ":" + intid, "I7 pcpu" + cpu + " acknowledged INTID " + intid + " while it was "
                    + "active", "GICv3 4.1.2: an active interrupt is not signalled again until deactivated");
            active.remove("a/I7:p" + cpu + ":" + intid);
        }
    }

    /** I7 for the guest: a vINTID is never acknowledged while an LR still holds it active. */
    public void onGuestAck(int vcpu, int intid, boolean wasActive) {
        if (wasActive) {
            violate("a/I7:v" + vcpu + ":" + intid, "I7 vcpu" + vcpu + " acknowledged vINTID " + intid + " while it was "
                    + "active in an LR", "GICv3 ICV_IAR1_EL1: only a pending LR is acknowledged");
            active.remove("a/I7:v" + vcpu + ":" + intid);
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
            hazard("a/H1:" + vcpu, Hazard.STALE_CNTVOFF, "vcpu" + vcpu + " took a timer interrupt its hardware timer "
                    + "has not raised: KVM judged the deadline with the new offset, the guest's counter runs with the "
                    + "old CNTVOFF_EL2");
            active.remove("a/H1:" + vcpu);
        } else if (!assertedSinceAck[vcpu]) {
            violate("a/I10:" + vcpu, "I10 vcpu" + vcpu + " took a timer interrupt that no expiry raised",
                    "the guest never sees a timer interrupt before its deadline");
            active.remove("a/I10:" + vcpu);
        }
        assertedSinceAck[vcpu] = false;
        ackEvent[vcpu] = sim.currentEvent();
        setRecheckNext(vcpu, true); // whether the timer is still asserted counts from the next event
    }

    /** The vCPU's timer as the guest sees it, wherever it lives (the hardware while loaded, else the saved copy). */
    private boolean timerAsserted(Vcpu v) {
        return v.loaded() ? hw.cpu(v.pcpu()).timer().output(hw.counter()) : kvm.savedCopyShouldFire(v);
    }

    /**
     * The background timer's rule ({@code kvm_timer_earliest_exp}, both designs): a timer that can fire is enabled,
     * unmasked, not yet fired, and due before the 64-bit counter ends (as soft_timer_start needs); none is armed if
     * either timer has fired already.
     */
    private boolean timerCanStillFire(Vcpu v) {
        TimerContext p = v.ptimer();
        if (!p.canFire()) {
            return virtualTimerCanStillFire(v); // the rule of version 1, unchanged
        }
        if (kvm.physTimerShouldFire(v) || timerAsserted(v)) {
            return false; // kvm_timer_earliest_exp is 0: one of them has fired
        }
        return virtualTimerCanStillFire(v) || Long.compareUnsigned(p.cval(), hw.counter()) > 0;
    }

    private boolean virtualTimerCanStillFire(Vcpu v) {
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

    /**
     * When the vCPU's background timer should expire, in system-counter ticks: the virtual timer's CVAL + CNTVOFF
     * of wherever it lives, or the physical timer's CVAL if that can fire and is earlier.
     */
    private long deadline(Vcpu v) {
        long virt;
        if (v.loaded()) {
            GenericTimer t = hw.cpu(v.pcpu()).timer();
            virt = t.cval() + t.cntvoff();
        } else {
            virt = v.vtimer().cval() + v.vtimer().cntvoff();
        }
        TimerContext p = v.ptimer();
        if (p.canFire() && Long.compareUnsigned(p.cval(), hw.counter()) > 0
                && (!virtualTimerCanStillFire(v) || Long.compareUnsigned(p.cval(), virt) < 0)) {
            return p.cval();
        }
        return virt;
    }

    /**
     * PI7, the physical timer's line: a guest runs while its emulated timer fires, with KVM's line low and no soft
     * timer to raise it. In v4.15 after a put and a load this is the kernel's own lost interrupt (hazard H3);
     * anything else is a model error.
     */
    private void checkPhysTimer(int i, Vcpu v) {
        TimerContext p = v.ptimer();
        if (p.level() || v.ptimerSoftArmed() || !kvm.physTimerShouldFire(v)) {
            return;
        }
        if (v.ptimerLostAtLoad()) {
            // one hazard from the load that lost it until kvm_timer_update_state looks again, however often the
            // guest blocks and runs meanwhile
            hazard("v" + i + "/H3", Hazard.LOST_PTIMER_IRQ, "vcpu" + i + " was loaded with its physical timer "
                    + "expired (CVAL " + Long.toUnsignedString(p.cval()) + " <= " + Long.toUnsignedString(hw.counter())
                    + ") but vINTID 30's line low and no soft timer: kvm_timer_vcpu_put cancelled the soft timer and "
                    + "kvm_timer_vcpu_load did not raise the line");
        } else if (v.mode() == Vcpu.Mode.GUEST) {
            violate("v" + i + "/PI7", "PI7 vcpu" + i + " runs guest code with its physical timer expired but KVM's "
                    + "line low and no soft timer armed", "arch_timer.c: a soft timer watches the deadline of an "
                    + "emulated timer that can fire, and its expiry raises the line");
        }
    }

    /** After set-up or a command: looks at everything. */
    public void afterEvent() {
        allDirty = true;
        afterEvent(-1);
    }

    /**
     * Runs the checks that hold after every event, on what the event (which ran on {@code eventCpu}, or -1) touched.
     * It runs after every engine event, so it allocates nothing while every check holds: a check's key and message
     * are built only when it fails.
     */
    public void afterEvent(int eventCpu) {
        // what the event changed: the engine notes it where it writes what these checks read
        long touched = sim.touchedCpus();
        boolean all = allDirty || mode == Mode.FULL;
        allDirty = false;
        if (mode == Mode.AUDITED) {
            // the full check beside it: collects what it finds, changes nothing
            System.arraycopy(assertedSinceAck, 0, auditAsserted, 0, auditAsserted.length);
            collecting = auditNow;
            auditNow.clear();
            try {
                fullCheck(auditAsserted);
            } finally {
                collecting = null;
            }
        }
        if (all) {
            now.clear();
            fullCheck(assertedSinceAck);
            remember();
            if (!active.isEmpty()) {
                active.retainAll(now);
            }
        } else if (touched != 0 || sim.anyVcpuTouched() || Long.compareUnsigned(hw.counter(), earliestRecheck) >= 0
                || anyRecheckNext()) {
            now.clear();
            incrementalCheck(touched);
            if (!active.isEmpty()) {
                active.removeIf(key -> !now.contains(key) && lookedAt(key));
            }
        } // else the event changed nothing these checks read, and time moved nothing: every finding stands
        sim.clearTouched();
        if (mode == Mode.AUDITED && (!active.equals(auditNow) || !Arrays.equals(assertedSinceAck, auditAsserted))) {
            throw new IllegalStateException("the incremental invariant check differs from the full one after event "
                    + sim.currentEvent() + " at t=" + Long.toUnsignedString(hw.counter()) + ": it has " + active
                    + " (asserted since ack " + Arrays.toString(assertedSinceAck) + "), the full check " + auditNow
                    + " (" + Arrays.toString(auditAsserted) + ")");
        }
    }

    private boolean anyRecheckNext() {
        return recheckNextCount > 0;
    }

    private void setRecheckNext(int i, boolean on) {
        boolean was = (recheckNext[i >>> 6] >>> i & 1) != 0;
        if (was != on) {
            recheckNext[i >>> 6] ^= 1L << i;
            recheckNextCount += on ? 1 : -1;
        }
    }

    private boolean looks(int i) {
        return (look[i >>> 6] >>> i & 1) != 0;
    }

    /** The key's vCPU or CPU was looked at in this check (keys start v&lt;i&gt;/, c&lt;c&gt;/, i/ (I2) or a/). */
    private boolean lookedAt(String key) {
        int slash = key.indexOf('/');
        return switch (key.charAt(0)) {
            case 'v' -> looks(Integer.parseInt(key, 1, slash, 10));
            case 'c' -> (cpusChecked >>> Integer.parseInt(key, 1, slash, 10) & 1) != 0;
            case 'i' -> i2Checked;
            default -> true;
        };
    }

    /** Every check on every vCPU and CPU, in order: vCPU by vCPU (I2, I1, I3, I5), then CPU by CPU. */
    private void fullCheck(boolean[] asserted) {
        boolean optimized = kvm.version().timerLoadedOutsideGuest();
        int[] loadedOn = this.loadedOn;
        Arrays.fill(loadedOn, -1);
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            Vcpu v = kvm.vcpu(i);
            if (v.loaded()) {
                checkI2(i, v.pcpu());
            }
            checkVcpu(i, v, optimized, asserted);
        }
        boolean expectForward = expectForward();
        for (int c = 0; c < hw.count(); c++) {
            checkCpu(c, optimized, expectForward, loadedOn);
        }
    }

    private boolean expectForward() {
        return kvm.version().forwardsTimerInterrupt() && !config.has(Fault.NO_FORWARDING);
    }

    /** I2: at most one vCPU is loaded per CPU ({@link #loadedOn} holds the vCPUs before {@code i}). */
    private void checkI2(int i, int pcpu) {
        if (loadedOn[pcpu] >= 0) {
            violate("i/I2:" + pcpu, "I2 two vCPUs (vcpu" + loadedOn[pcpu] + ", vcpu" + i
                    + ") are loaded on pcpu" + pcpu, "at most one vCPU is loaded per CPU");
        }
        loadedOn[pcpu] = i;
    }

    /** After a full check: everything it looked at, as the incremental check compares against. */
    private void remember() {
        long counter = hw.counter();
        earliestRecheck = -1L;
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            Vcpu v = kvm.vcpu(i);
            lastLoaded[i] = v.loaded();
            lastPcpu[i] = v.pcpu();
            rememberTime(i, v, counter);
        }
        for (int c = 0; c < hw.count(); c++) {
            lastLoadedOn[c] = loadedOn[c];
            lastCurrentOn[c] = kvm.currentVcpu(c);
        }
        Arrays.fill(look, -1L);
        cpusChecked = -1L;
        i2Checked = true;
    }

    private void rememberTime(int i, Vcpu v, long counter) {
        setRecheckNext(i, ackEvent[i] == sim.currentEvent());
        long at = timeMovesFindings(v, counter);
        recheckAt[i] = at;
        earliestRecheck = earlier(earliestRecheck, at);
        restLook[i] = true;
    }

    /**
     * The checks on what the event touched: each vCPU touched from outside its thread, the vCPUs that ran or were
     * loaded on each touched CPU (before the event or after it), the vCPUs whose timer time alone may have changed,
     * and the CPUs of all of those. The same order as {@link #fullCheck}, so the same findings come out the same.
     */
    private void incrementalCheck(long touched) {
        int n = kvm.vcpuCount();
        long counter = hw.counter();
        boolean timeDue = Long.compareUnsigned(counter, earliestRecheck) >= 0;
        long[] look = this.look;
        Arrays.fill(look, 0L);
        for (long bits = touched; bits != 0; bits &= bits - 1) {
            int c = Long.numberOfTrailingZeros(bits);
            mark(lastLoadedOn[c]);
            mark(lastCurrentOn[c]);
            mark(kvm.currentVcpu(c));
            mark(kvm.runningVcpu(c));
        }
        // the vCPUs touched from outside their thread and those acknowledged in the last event, a word at a time
        if (sim.anyVcpuTouched()) {
            sim.addTouchedVcpus(look);
        }
        if (recheckNextCount > 0) {
            for (int w = 0; w < look.length; w++) {
                look[w] |= recheckNext[w];
            }
        }
        if (timeDue) {
            for (int i = 0; i < n; i++) {
                if (Long.compareUnsigned(counter, recheckAt[i]) >= 0) {
                    mark(i);
                }
            }
        }
        long cpus = touched;
        boolean moved = false;
        for (int w = 0; w < look.length; w++) {
            for (long bits = look[w]; bits != 0; bits &= bits - 1) {
                int i = w << 6 | Long.numberOfTrailingZeros(bits);
                Vcpu v = kvm.vcpu(i);
                boolean loaded = v.loaded();
                int pcpu = v.pcpu();
                cpus |= 1L << pcpu | 1L << lastPcpu[i];
                if (loaded != lastLoaded[i] || pcpu != lastPcpu[i]) {
                    moved = true;
                    lastLoaded[i] = loaded;
                    lastPcpu[i] = pcpu;
                }
            }
        }
        boolean optimized = kvm.version().timerLoadedOutsideGuest();
        if (timeDue) {
            earliestRecheck = -1L;
        }
        // I2 looks at every vCPU's place, so it runs again only when one moved (and the places per CPU with it);
        // the findings come vCPU by vCPU, in order, as in the full check
        i2Checked = moved;
        if (moved) {
            Arrays.fill(loadedOn, -1);
        }
        if (moved || timeDue) {
            for (int i = 0; i < n; i++) {
                if (moved && lastLoaded[i]) {
                    checkI2(i, lastPcpu[i]);
                }
                if (looks(i)) {
                    checkAndRemember(i, optimized, counter);
                } else if (timeDue) {
                    earliestRecheck = earlier(earliestRecheck, recheckAt[i]);
                }
            }
        } else {
            for (int w = 0; w < look.length; w++) {
                for (long bits = look[w]; bits != 0; bits &= bits - 1) {
                    checkAndRemember(w << 6 | Long.numberOfTrailingZeros(bits), optimized, counter);
                }
            }
        }
        if (moved) {
            System.arraycopy(loadedOn, 0, lastLoadedOn, 0, loadedOn.length);
        }
        cpusChecked = cpus;
        boolean expectForward = expectForward();
        for (long bits = cpus; bits != 0; bits &= bits - 1) {
            int c = Long.numberOfTrailingZeros(bits);
            if (c >= hw.count()) {
                break;
            }
            checkCpu(c, optimized, expectForward, lastLoadedOn);
            lastCurrentOn[c] = kvm.currentVcpu(c);
        }
    }

    private void checkAndRemember(int i, boolean optimized, long counter) {
        Vcpu v = kvm.vcpu(i);
        checkVcpu(i, v, optimized, assertedSinceAck);
        rememberTime(i, v, counter);
    }

    private void mark(int vcpu) {
        if (vcpu >= 0) {
            look[vcpu >>> 6] |= 1L << vcpu;
        }
    }

    /**
     * The counter value from which time alone may change what {@link #checkVcpu} finds for {@code v} (unsigned; -1
     * for never): its timer's condition changing (where the timer lives), its deadline passing, its background
     * timer's instant coming and going.
     */
    private long timeMovesFindings(Vcpu v, long counter) {
        long at = conditionChangesAt(v, counter);
        long deadline = deadline(v);
        if (Long.compareUnsigned(deadline, counter) >= 0 && deadline != -1L) {
            at = earlier(at, deadline + 1);
        }
        TimerContext p = v.ptimer();
        if (p.canFire() && Long.compareUnsigned(p.cval(), counter) >= 0) {
            at = earlier(at, p.cval()); // the physical timer's condition becomes true
        }
        if (v.bgArmed()) {
            long bg = v.bgDeadline();
            if (Long.compareUnsigned(bg, counter) > 0) {
                at = earlier(at, bg);
            } else if (bg == counter && counter != -1L) {
                at = earlier(at, counter + 1);
            }
        }
        return at;
    }

    private static long earlier(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** I1, I3, I5 (and the hazards H1, H2) for one vCPU; notes whether its timer output is asserted. */
    private void checkVcpu(int i, Vcpu v, boolean optimized, boolean[] asserted) {
        // the common case first, reading little: each rule below fails only if one of these holds
        boolean loaded = v.loaded();
        boolean guest = v.mode() == Vcpu.Mode.GUEST;
        if ((guest && !(loaded && hw.cpu(v.pcpu()).timer().cntvoff() == v.vtimer().cntvoff()))
                || (optimized ? guest && !loaded : loaded != (v.inGuest() || v.exiting()))
                || v.timerScheduled() || v.bgArmed()) {
            checkVcpuRules(i, v, optimized);
        }
        if ((guest && v.ptimer().enable()) || v.ptimerLostAtLoad()) {
            checkPhysTimer(i, v);
        }
        if (!asserted[i] && ackEvent[i] != sim.currentEvent() && timerAsserted(v)) {
            asserted[i] = true;
        }
    }

    private void checkVcpuRules(int i, Vcpu v, boolean optimized) {
        PhysicalCpu pc = hw.cpu(v.pcpu());
        boolean guest = v.mode() == Vcpu.Mode.GUEST;
        // I1: the timer lives in exactly one place: loaded -> this CPU's hardware (and its CNTVOFF_EL2 is the
        // vCPU's while the guest runs), not loaded -> the saved copy (and the hardware timer is not its)
        if (guest && !(v.loaded() && pc.timer().cntvoff() == v.vtimer().cntvoff())) {
            if (v.loaded() && v.vtimer().cntvoffStale()) {
                hazard("v" + i + "/H1", Hazard.STALE_CNTVOFF, "vcpu" + i + " runs guest code with CNTVOFF_EL2 = "
                        + pc.timer().cntvoff() + " on pcpu" + v.pcpu() + ", the offset before the VMM moved the "
                        + "counter (now " + v.vtimer().cntvoff() + "); it takes the new one at its next load");
            } else {
                violate("v" + i + "/I1", "I1 vcpu" + i + " runs guest "
                        + "code but its timer is not in pcpu" + v.pcpu() + "'s registers (loaded = "
                        + (v.loaded() ? 1 : 0) + ", CNTVOFF_EL2 = " + pc.timer().cntvoff() + ", its offset "
                        + v.vtimer().cntvoff() + ")", "arch_timer.c: loaded means the CPU's registers hold the "
                        + "vCPU's timer");
            }
        }
        if (optimized) {
            if (!(!guest || v.loaded())) {
                violate("v" + i + "/I3", "I3 vcpu" + i + " runs guest code with its timer not loaded",
                        "a running vCPU in the optimized design is loaded");
            }
        } else if (v.loaded() != (v.inGuest() || v.exiting())) {
            violate("v" + i + "/I3", "I3 vcpu" + i + " (legacy) loaded = "
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
                hazard("v" + i + "/H1", Hazard.STALE_CNTVOFF, "vcpu" + i + "'s timer is loaded on pcpu" + v.pcpu()
                        + " with CNTVOFF_EL2 = " + pc.timer().cntvoff() + ", the offset before the VMM moved the "
                        + "counter (now " + v.vtimer().cntvoff() + "), so the hardware's deadline is not the "
                        + "saved copy's");
            } else if (v.bgDeadlineStale() && !v.bgArmed()) {
                hazard("v" + i + "/H2", Hazard.STALE_BG_DEADLINE, "vcpu" + i + " is blocked and its background timer "
                        + "fired before the VMM moved the counter back: its timer is due again at t="
                        + Long.toUnsignedString(deadline(v)) + ", and no background timer is armed for it");
            } else if (v.bgDeadlineStale()) {
                hazard("v" + i + "/H2", Hazard.STALE_BG_DEADLINE, "vcpu" + i + " sleeps with its background timer "
                        + "at t=" + Long.toUnsignedString(v.bgDeadline()) + ", armed before the VMM moved the "
                        + "counter" + (shouldBeArmed ? "; its deadline is now t="
                        + Long.toUnsignedString(deadline(v)) : "; its timer has expired since"));
            } else {
                violate("v" + i + "/I5", "I5 vcpu" + i + "'s background timer is "
                        + (v.bgArmed() ? "armed" : "not armed") + " but the vCPU " + (v.timerScheduled()
                        ? (wrongDeadline ? "blocks with a timer due at t=" + Long.toUnsignedString(deadline(v))
                        : shouldBeArmed ? "blocks with a timer that will fire"
                        : "blocks with a timer that cannot fire")
                        : "is not blocking"), "arch_timer.c kvm_timer_schedule / kvm_timer_unschedule");
            }
        }
    }

    /** I4, I12, I6 and I8 for one CPU. */
    private void checkCpu(int c, boolean optimized, boolean expectForward, int[] loadedOn) {
        // the common case first: each rule below fails only if one of these holds
        PhysicalCpu pc = hw.cpu(c);
        PrivateInterrupt ppi = pc.vtimerIrq();
        if ((optimized && (loadedOn[c] < 0 ? pc.timer().enabled() : ppi.forwarded() && ppi.active()))
                || ppi.forwarded() != expectForward || pc.virtualInterface().anyValid()) {
            checkCpuRules(c, optimized, expectForward, loadedOn);
        }
    }

    private void checkCpuRules(int c, boolean optimized, boolean expectForward, int[] loadedOn) {
        PhysicalCpu pc = hw.cpu(c);
        if (optimized && loadedOn[c] < 0 && pc.timer().enabled()) {
            violate("c" + c + "/I4", "I4 pcpu" + c + "'s timer is enabled with no vCPU loaded",
                    "vtimer_save_state leaves the hardware timer off");
        }
        PrivateInterrupt ppi = pc.vtimerIrq();
        if (ppi.forwarded() != expectForward) {
            violate("c" + c + "/I12", "I12 pcpu" + c + " PPI 27 forwarded = "
                    + (ppi.forwarded() ? 1 : 0), "forwarding is set by kvm_timer_hyp_init in v4.15 only");
        }
        int loadedVcpu = loadedOn[c];
        if (optimized && ppi.forwarded() && ppi.active() && loadedVcpu >= 0 && !kvm.inHostInterrupt(c)
                && kvm.vcpu(loadedVcpu).mode() == Vcpu.Mode.GUEST) {
            Vcpu v = kvm.vcpu(loadedVcpu);
            VgicIrq irq = v.irq(Redistributor.VTIMER_INTID);
            boolean held = v.vtimer().level() || irq.active() || irq.pending() || hwLrHolds(pc, 27);
            if (!held) {
                violate("c" + c + "/I6", "I6 PPI 27 is active on pcpu" + c + " but vcpu" + loadedVcpu + " loaded there "
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
                violate("c" + c + "/I8hw:" + k, "I8 pcpu" + c + " LR" + k + " has HW=1 and is pending+active",
                        "GICv3 ICH_LR<n>_EL2.HW: software never writes both");
            }
            if (heldByEarlierLr(pc, k, lr.vintid())) {
                violate("c" + c + "/I8dup:" + lr.vintid(), "I8 pcpu" + c
                        + " holds vINTID " + lr.vintid() + " in two LRs", "no two LRs hold the same vINTID");
            }
            if (inGuest && lr.hw() && Redistributor.isPrivate(lr.pintid())
                    && !pc.redistributor().irq(lr.pintid()).active()) {
                Vcpu cur = kvm.vcpu(current);
                if (cur.loaded() && cur.vtimer().cntvoffStale() && lr.vintid() == Redistributor.VTIMER_INTID) {
                    // the saved copy (new offset) fired and KVM queued it as a mapped interrupt, but the hardware
                    // timer (old CNTVOFF_EL2) has not, and kvm_timer_unschedule restores CVAL and CTL only: the
                    // physical PPI is set active at the next kvm_timer_vcpu_load
                    hazard("c" + c + "/H1:" + k, Hazard.STALE_CNTVOFF, "pcpu" + c + " LR" + k + " holds vcpu" + current
                            + "'s timer interrupt with HW=1 but PPI 27 is not active: the saved copy fired with the new "
                            + "offset, the hardware counts with the old one");
                    continue;
                }
                violate("c" + c + "/I8b:" + k, "I8b pcpu" + c + " LR"
                        + k + " (HW=1, " + lr.state().pathName() + ") runs in the guest but physical INTID "
                        + lr.pintid() + " is not active", "GICv3 ch. 6; KVM commit 0e3dfda91d9f: a HW LR "
                        + "requires its physical interrupt active");
            }
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
        boolean all = restAll || mode == Mode.FULL;
        restAll = false;
        int n = kvm.vcpuCount();
        if (mode == Mode.AUDITED) {
            for (int i = 0; i < n; i++) {
                auditMissed[i] = missesTimerInterrupt(i, kvm.vcpu(i));
            }
        }
        long counter = hw.counter();
        for (int i = 0; i < n; i++) {
            if (!(all || restLook[i] || Long.compareUnsigned(counter, restRecheckAt[i]) >= 0)) {
                continue; // nothing it depends on changed since the last instant (time included)
            }
            restLook[i] = false;
            Vcpu v = kvm.vcpu(i);
            restRecheckAt[i] = conditionChangesAt(v, counter);
            if (missesTimerInterrupt(i, v)) {
                if (!missedAtRest[i]) {
                    missedAtRest[i] = true;
                    violations++;
                    sim.finding(v.pcpu(), "checker", Kind.VIOLATION, "I10", "I10 vcpu" + i + "'s timer has fired "
                            + "and it can take interrupts, but it has not taken one", "the guest never misses a timer "
                            + "interrupt whose condition stays met");
                }
            } else {
                missedAtRest[i] = false;
            }
        }
        if (mode == Mode.AUDITED && !Arrays.equals(missedAtRest, auditMissed)) {
            throw new IllegalStateException("the incremental at-rest check differs from the full one after event "
                    + sim.currentEvent() + ": " + Arrays.toString(missedAtRest) + ", full " + Arrays.toString(auditMissed));
        }
    }

    /**
     * Able to take its timer interrupt (running guest code, PSTATE.I clear, not inside its handler, a handler of its
     * own, vINTID 27 enabled and not still active: acknowledged but not yet EOI'd, in the vGIC or an LR), and its
     * timer is asserted. Nor may the physical timer's vINTID 30 be active: both carry the same priority, and the
     * virtual CPU interface signals a pending interrupt only when its priority is higher than the running priority,
     * which an acknowledged and not yet EOI'd interrupt sets (GICv3 architecture, IHI 0069, "Interrupt
     * prioritization" and ICV_RPR_EL1); the guest takes vINTID 27 after its EOI of vINTID 30.
     */
    private boolean missesTimerInterrupt(int i, Vcpu v) {
        VgicIrq irq = v.irq(Redistributor.VTIMER_INTID);
        PhysicalCpu pc = hw.cpu(v.pcpu());
        return v.mode() == Vcpu.Mode.GUEST && !guests.irqsMasked(i) && !guests.inHandler(i)
                && guests.handlesInterrupts(i) && irq.enabled() && !irq.active()
                && !activeInLr(pc, Redistributor.VTIMER_INTID)
                && !v.irq(Redistributor.PTIMER_INTID).active() && !activeInLr(pc, Redistributor.PTIMER_INTID)
                && timerAsserted(v);
    }

    /** The counter value (unsigned) at which the condition of the vCPU's timer, wherever it lives, changes; -1: never. */
    private long conditionChangesAt(Vcpu v, long counter) {
        long d;
        if (v.loaded()) {
            d = hw.cpu(v.pcpu()).timer().ticksUntilConditionChanges(counter);
        } else {
            TimerContext t = v.vtimer();
            d = GenericTimer.ticksUntilConditionChanges(t.cval(), counter - t.cntvoff());
        }
        return d != 0 && Long.compareUnsigned(counter + d, counter) > 0 ? counter + d : -1L;
    }

    /** A named kernel hazard starts (counted once, while it lasts): real behaviour, not a model error. */
    private void hazard(String key, Hazard h, String text) {
        if (collecting != null) {
            collecting.add(key);
            return;
        }
        now.add(key);
        if (active.add(key)) {
            hazards++;
            sim.finding(-1, "checker", Kind.HAZARD, h.id(), h.id() + " " + text, h.title() + ": the kernel does "
                    + "this; not an error of the model");
        }
    }

    private void violate(String key, String text, String rule) {
        if (collecting != null) {
            collecting.add(key);
            return;
        }
        now.add(key);
        if (active.add(key)) {
            violations++;
            sim.finding(-1, "checker", Kind.VIOLATION, invariantOf(text), text, rule);
        }
    }

    /**
     * The invariant a violation breaks: the checker writes its name first ({@code I8b pcpu0 LR1 ...}), here, in the
     * engine, before any rewording; the trace keeps it as a field for the views.
     */
    private static String invariantOf(String text) {
        int sp = text.indexOf(' ');
        String first = sp < 0 ? text : text.substring(0, sp);
        return first.matches("I\\d+[a-z]*") ? first : null;
    }
}
