package vtimerlab.engine;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import vtimerlab.engine.check.InvariantChecker;
import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.core.TraceSink;
import vtimerlab.engine.guest.GuestKernel;
import vtimerlab.engine.hardware.CpuInterface;
import vtimerlab.engine.hardware.HardwareEvent;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.kvm.Kvm;
import vtimerlab.engine.kvm.KvmEvent;
import vtimerlab.engine.kvm.Stats;
import vtimerlab.engine.kvm.Vcpu;
import vtimerlab.engine.schema.MachineState;
import vtimerlab.engine.schema.Schema;
import vtimerlab.engine.schema.StatePath;

/**
 * The simulated machine: the one source of truth that scenarios, lessons, the CLI and the app all drive. It owns
 * the clock and the event queue, wires the hardware, KVM, the guests and the invariant checker together, carries
 * out {@link Command}s and answers the state paths of the scenario language.
 *
 * <p>Time and commands: {@code advance T} runs every event due up to now+T; {@code step K} runs exactly K events.
 * Every other command first finishes the present instant (see {@link #settle()}), so a command acts on a machine
 * at rest, never in the middle of a kernel function, unless the scenario is stepping on purpose.
 */
public final class Machine {
    /**
     * Events one command may cause at one instant before the machine is declared livelocked (kernel code takes no
     * time here, so a storm would otherwise never end). Counted per command: many commands at one instant are fine.
     */
    public static final int LIVELOCK_LIMIT = 200_000;

    /**
     * The events a machine that keeps its history can run: its event index is an array. A machine without history
     * ({@link #withoutHistory}) has no such limit; time and every counter are unsigned or signed 64-bit.
     */
    public static final long MAX_EVENTS_WITH_HISTORY = Integer.MAX_VALUE - 8;

    /** Engine events between two snapshots of the whole machine (step back restores one and replays the rest). */
    public static final int SNAPSHOT_INTERVAL = 4096;
    private int snapshotInterval = SNAPSHOT_INTERVAL;
    private Runnable afterEachEvent = () -> { };

    private final MachineConfig config;
    private Simulation sim;
    private Platform platform;
    private Kvm kvm;
    private GuestKernel guest;
    private InvariantChecker checker;
    private boolean stepping;
    private long instant = -1;
    private long eventsThisInstant;

    // ---- history: what was asked, so that any earlier state can be rebuilt exactly ----
    /** One thing the machine was asked to do: a command, or finishing the instant before a check. */
    private static final class Entry {
        /** The outcome of a command the machine carried out. */
        static final String ACCEPTED = "";
        final Command command;
        final Origin origin;
        /**
         * How it went the first time: {@link #ACCEPTED}, or the message it was refused with; null while it is being
         * carried out for the first time. A replay must end the same way.
         */
        String outcome;

        Entry(Command command, Origin origin) {
            this.command = command;
            this.origin = origin;
        }

        Command command() {
            return command;
        }

        Origin origin() {
            return origin;
        }

        boolean isSettle() {
            return command == null;
        }
    }

    /** Where the machine is inside the entry it is carrying out. */
    private static final class Progress {
        static final int SETTLE = 0;
        static final int ACTION = 1;
        static final int RUN = 2;
        final int index;
        int phase = SETTLE;
        long target;
        long stepsLeft;

        Progress(int index) {
            this.index = index;
        }

        Progress copy() {
            Progress p = new Progress(index);
            p.phase = phase;
            p.target = target;
            p.stepsLeft = stepsLeft;
            return p;
        }
    }

    private record Snapshot(long events, int traceSize, Simulation sim, Platform platform, Kvm kvm, GuestKernel guest,
                            InvariantChecker checker, boolean stepping, long instant, long eventsThisInstant,
                            Progress progress, int nextEntry) { }

    /** Thrown inside a replay when the event to stop after has run. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private final List<Entry> history = new java.util.ArrayList<>();
    /** The time of every event so far, by event number (index 0: event 1): a compact index for "event at time t". */
    private long[] eventTimes = new long[1024];
    /** For events 1..furthest: the history entry (command) in progress when it ran, non-decreasing. */
    private int[] eventCommands = new int[1024];
    /** For events 1..furthest: how long the trace was when the event ended (a replay shows exactly that much). */
    private int[] eventTraceEnds = new int[1024];
    private final List<Snapshot> snapshots = new java.util.ArrayList<>();
    private Progress progress;
    /** The history entry most recently started (events that run after it belong to it). */
    private int currentCommand;
    private int nextEntry;
    private long furthest;
    private long stopAfter = Long.MAX_VALUE;

    /** True if the machine keeps what it was asked to do, snapshots and its trace, so it can go back. */
    private final boolean keepsHistory;

    /** A machine that keeps its history: it can go back to any event, and its trace is kept. */
    public Machine(MachineConfig config) {
        this(config, true, null);
    }

    /**
     * A machine that keeps no history, for a run of any length: no snapshots, no event index, no command history,
     * no observations; its trace goes to {@code sink} as it is made (null: no trace). It cannot go back.
     */
    public static Machine withoutHistory(MachineConfig config, TraceSink sink) {
        return new Machine(config, false, sink);
    }

    private Machine(MachineConfig config, boolean keepsHistory, TraceSink sink) {
        this.config = config;
        this.keepsHistory = keepsHistory;
        this.sim = new Simulation(sink);
        if (!keepsHistory) {
            sim.setTracing(sink != null);
        }
        boolean hostEoiMode1 = !config.has(Fault.NO_EOIMODE_SPLIT);
        this.platform = new Platform(sim, config.pcpus(), config.lrs(), hostEoiMode1);
        this.kvm = new Kvm(sim, platform, config);
        HandlerKind[] handlers = new HandlerKind[config.vcpus()];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = config.handler(i);
        }
        this.guest = new GuestKernel(sim, platform, kvm, handlers, keepsHistory);
        this.checker = new InvariantChecker(sim, platform, kvm, config, guest);
        wire();
        sim.beginCommand("machine");
        sim.trace(-1, "scenario", Kind.COMMAND, "machine pcpus=" + config.pcpus() + " vcpus=" + config.vcpus()
                + " design=" + config.design().scenarioName(), "set-up");
        kvm.boot();
        checker.afterEvent();
        if (keepsHistory) {
            takeSnapshot();
        }
    }

    /** True if the machine can go back ({@link #goTo}); false for one built {@link #withoutHistory}. */
    public boolean keepsHistory() {
        return keepsHistory;
    }

    private void needHistory() {
        if (!keepsHistory) {
            throw new IllegalStateException("this machine keeps no history (it streams a long run): it cannot go back");
        }
    }

    /** Connects the parts (also after a snapshot is restored). */
    private void wire() {
        kvm.setGuest(guest);
        kvm.onViolation(checker::report);
        guest.onTimerAck((v, n) -> checker.onTimerAck(v));
        guest.onVirtualAck(checker::onGuestAck);
        platform.onAcknowledge(checker::onHostAck);
    }

    public MachineConfig config() {
        return config;
    }

    /** The system counter. */
    public long now() {
        return sim.now();
    }

    /** How many engine events have run. */
    public long eventCount() {
        return sim.queue().executed();
    }

    /** Turns the text trace on or off; the machine behaves the same either way (for long runs). */
    public void setTracing(boolean on) {
        sim.setTracing(on);
    }

    /**
     * How much the invariant checker looks at after each event; every mode finds the same (the default is the
     * system property {@code vtimerlab.checker}, else incremental; tests audit it against the full check).
     */
    public void setCheckMode(InvariantChecker.Mode mode) {
        checker.setMode(mode);
        checkMode = mode;
    }

    /** The mode {@link #setCheckMode} chose (kept through going back), or null for the default. */
    private InvariantChecker.Mode checkMode;

    /** The trace so far, in order. */
    public List<TraceEntry> trace() {
        return sim.trace().entries();
    }

    /** What event (or command, negative) number {@code id} was, for "why?" links. */
    public String describeEvent(long id) {
        return sim.trace().description(id);
    }

    /** The event that caused event {@code id}. */
    public long causeOf(long id) {
        return sim.trace().causeOf(id);
    }


    /** What the hypervisor's work has cost so far (a copy: it does not change as the machine runs on). */
    public Stats stats() {
        return new Stats(kvm.stats());
    }

    /** Everything the guests observed so far, in order (timer interrupts taken, timer registers read). */
    public List<GuestKernel.Observation> observations() {
        return guest.observations();
    }

    /** Virtual timer interrupts the guest of {@code vcpu} has acknowledged ({@code vcpuI.guest.timer_irqs}). */
    public long guestTimerIrqs(int vcpu) {
        return guest.timerIrqs(vcpu);
    }

    /**
     * The kernel functions running on {@code cpu}, innermost first: the interrupt handler's (if the host is in one),
     * then those of the vCPU thread that runs there.
     */
    public List<String> cpuCallStack(int cpu) {
        List<String> stack = new java.util.ArrayList<>(kvm.irqCallStack(cpu));
        int running = kvm.currentVcpu(cpu);
        if (running >= 0) {
            stack.addAll(kvm.vcpu(running).callStack());
        }
        return List.copyOf(stack);
    }

    /** The kernel functions {@code vcpu}'s thread is in, innermost first. */
    public List<String> vcpuCallStack(int vcpu) {
        return List.copyOf(kvm.vcpu(vcpu).callStack());
    }

    // =============================================================================================================
    // Commands
    // =============================================================================================================

    /** Carries out one command. See the class comment for when the machine first finishes the present instant. */
    public void execute(Command command, Origin origin) throws ImpossibleActionException {
        branchHere();
        if (!keepsHistory) {
            history.clear(); // only the command in progress
        }
        Entry entry = new Entry(command, origin);
        history.add(entry);
        try {
            perform(history.size() - 1);
        } catch (ImpossibleActionException e) {
            entry.outcome = e.getMessage();
            throw e;
        }
        entry.outcome = Entry.ACCEPTED;
    }

    /** Carries out history entry {@code i} from its start. */
    private void perform(int i) throws ImpossibleActionException {
        eventsThisInstant = 0; // the livelock watchdog counts the events of one command at one instant
        progress = new Progress(i);
        currentCommand = i;
        carryOn();
    }

    /** Carries on with the entry in progress, from the phase it is in. */
    private void carryOn() throws ImpossibleActionException {
        Progress p = progress;
        Entry entry = history.get(p.index);
        try {
            if (entry.isSettle()) {
                runUntil(sim.now());
            } else {
                Command command = entry.command();
                if (p.phase == Progress.SETTLE) {
                    if (!(command instanceof Command.Step)) {
                        runUntil(sim.now());
                    }
                    p.phase = Progress.ACTION;
                }
                if (p.phase == Progress.ACTION) {
                    stepping = command instanceof Command.Step;
                    sim.beginCommand(entry.origin().text());
                    sim.trace(-1, "scenario", Kind.COMMAND, entry.origin().text(), entry.origin().location());
                    p.phase = Progress.RUN;
                    if (!(command instanceof Command.Advance || command instanceof Command.Step)) {
                        checker.invalidate(); // the command acts directly on the machine: look at everything next
                    } // advance and step act only through the vCPUs they take back into KVM_RUN (invalidating then)
                    act(command, p);
                }
                if (command instanceof Command.Advance) {
                    runUntil(p.target);
                } else if (command instanceof Command.Step) {
                    while (p.stepsLeft > 0 && sim.queue().peek() != null) {
                        p.stepsLeft--;
                        runOne();
                    }
                }
                // a full check if no event has run since the command's own action (which invalidated the
                // checker), else what the last event left and time moved: the first event after the action
                // already looked at everything
                checker.afterEvent(-1);
            }
        } catch (ImpossibleActionException e) {
            finishEntry(p);
            throw e;
        }
        finishEntry(p);
    }

    private void finishEntry(Progress p) {
        progress = null;
        nextEntry = p.index + 1;
    }

    /** The command's own action, at the present instant (after the instant was finished). */
    private void act(Command command, Progress p) throws ImpossibleActionException {
        if (command instanceof Command.Advance a) {
                // ticks and time are unsigned 64-bit: the counter ends at 2^64 - 1
                long target = sim.now() + a.ticks();
                if (Long.compareUnsigned(target, sim.now()) < 0) {
                    throw new ImpossibleActionException("advance " + Long.toUnsignedString(a.ticks()) + " runs past "
                            + "the end of the 64-bit counter (it is at " + Long.toUnsignedString(sim.now()) + ")");
                }
                reenterFromUserspace();
                p.target = target;
        } else if (command instanceof Command.Step s) {
                if (s.count() < 1) {
                    throw new ImpossibleActionException("step needs a count of 1 or more, got " + s.count());
                }
                reenterFromUserspace();
                p.stepsLeft = s.count();
        } else if (command instanceof Command.GuestCommand g) {
            guestCommand(g);
        } else if (command instanceof Command.Preempt pr) {
                Vcpu v = vcpu(pr.vcpu());
                if (v.threadState() == Vcpu.ThreadState.RUNNABLE) {
                    throw new ImpossibleActionException(v.name() + " is already preempted (resume it with 'host "
                            + "resume " + v.name() + "')");
                }
                try {
                    kvm.preempt(v);
                } catch (IllegalStateException e) {
                    throw new ImpossibleActionException(e.getMessage());
                }
        } else if (command instanceof Command.Resume r) {
                Vcpu v = vcpu(r.vcpu());
                if (v.threadState() != Vcpu.ThreadState.RUNNABLE) {
                    throw new ImpossibleActionException(v.name() + " is not preempted, it is " + describeMode(v)
                            + ": there is nothing to resume");
                }
                kvm.resume(v);
        } else if (command instanceof Command.Migrate m) {
                Vcpu v = vcpu(m.vcpu());
                if (m.pcpu() < 0 || m.pcpu() >= config.pcpus()) {
                    throw new ImpossibleActionException("there is no pcpu" + m.pcpu() + ": the machine has "
                            + config.pcpus() + " physical CPU" + (config.pcpus() == 1 ? "" : "s") + " (pcpu0.."
                            + "pcpu" + (config.pcpus() - 1) + ")");
                }
                if (m.pcpu() == v.pcpu()) {
                    throw new ImpossibleActionException(v.name() + " is already on pcpu" + m.pcpu());
                }
                kvm.migrate(v, m.pcpu());
        } else if (command instanceof Command.SetCounter c) {
                Vcpu v = vcpu(c.vcpu());
                kvm.setCounterFromVmm(v, c.value());
        }
    }

    /**
     * Finishes the present instant (runs every event due now) unless the last command was {@code step}: a check
     * written after {@code step} reads the state between events. The scenario runner calls this before each
     * {@code expect} and at the end of a file.
     */
    public void settle() {
        Event due = sim.queue().peek();
        if (stepping || due == null || due.time() != sim.now()) {
            return;
        }
        branchHere();
        if (!keepsHistory) {
            history.clear();
        }
        Entry entry = new Entry(null, null);
        history.add(entry);
        try {
            perform(history.size() - 1);
        } catch (ImpossibleActionException e) {
            entry.outcome = e.getMessage();
            throw new IllegalStateException(e.getMessage(), e);
        }
        entry.outcome = Entry.ACCEPTED;
    }

    /** True while the machine stands between events of one instant because the scenario stepped. */
    public boolean midInstant() {
        Event e = sim.queue().peek();
        return e != null && e.time() == sim.now();
    }

    private Vcpu vcpu(int i) throws ImpossibleActionException {
        if (i < 0 || i >= config.vcpus()) {
            throw new ImpossibleActionException("there is no vcpu" + i + ": the machine has " + config.vcpus()
                    + " vCPU" + (config.vcpus() == 1 ? "" : "s"));
        }
        return kvm.vcpu(i);
    }

    private String describeMode(Vcpu v) {
        return switch (v.mode()) {
            case GUEST -> "running guest code";
            case HOST -> "in the hypervisor (" + (v.callStack().isEmpty() ? "KVM_RUN" : v.callStack().get(0)) + ")";
            case BLOCKED -> v.threadState() == Vcpu.ThreadState.SLEEPING ? "blocked (asleep in kvm_vcpu_block)"
                    : "blocked (halt polling in kvm_vcpu_block)";
            case PREEMPTED -> "preempted (its thread waits for pcpu" + v.pcpu() + ")";
            case USERSPACE -> "in userspace (KVM_RUN has returned to the VMM)";
        };
    }

    private void guestCommand(Command.GuestCommand g) throws ImpossibleActionException {
        Vcpu v = vcpu(g.vcpu());
        if (v.mode() != Vcpu.Mode.GUEST) {
            throw new ImpossibleActionException(v.name() + " is not running guest code: it is " + describeMode(v)
                    + (v.mode() == Vcpu.Mode.USERSPACE ? "; it enters KVM_RUN again at the next advance or step" : ""));
        }
        int i = v.id();
        if (g instanceof Command.GuestWrite w) {
            switch (w.register()) {
                case CNTV_CTL_EL0 -> guest.issue(i, GuestKernel.Op.WRITE_CTL, w.value(), 0);
                case CNTV_CVAL_EL0 -> guest.issue(i, GuestKernel.Op.WRITE_CVAL, w.value(), 0);
                case CNTV_TVAL_EL0 -> {
                    if (w.value() < Integer.MIN_VALUE || w.value() > 0xFFFF_FFFFL) {
                        throw new ImpossibleActionException("CNTV_TVAL_EL0 is a 32-bit register, "
                                + w.value() + " does not fit");
                    }
                    guest.issue(i, GuestKernel.Op.WRITE_TVAL, w.value(), 0);
                }
                case CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTP_TVAL_EL0 ->
                    guest.issue(i, GuestKernel.Op.TRAPPED_WRITE, w.register().ordinal(), w.value());
                case ICC_EOIR1_EL1 -> guest.issue(i, GuestKernel.Op.EOI, w.value(), 0);
                case ICC_DIR_EL1 -> guest.issue(i, GuestKernel.Op.DIR, w.value(), 0);
                case CNTVOFF_EL2 -> throw new ImpossibleActionException("CNTVOFF_EL2 is an EL2 register: only "
                        + "the hypervisor writes it; use 'host set-counter " + v.name() + " VALUE'");
                default -> throw new ImpossibleActionException(w.register() + " cannot be written by the guest");
            }
        } else if (g instanceof Command.GuestWriteCtlFields f) {
            if (f.register() != TimerRegister.CNTV_CTL_EL0 && f.register() != TimerRegister.CNTP_CTL_EL0) {
                throw new ImpossibleActionException(f.register() + " has no fields enable= and imask=");
            }
            guest.issue(i, f.register() == TimerRegister.CNTP_CTL_EL0 ? GuestKernel.Op.TRAPPED_WRITE_CTL_FIELDS
                    : GuestKernel.Op.WRITE_CTL_FIELDS, f.enable() == null ? -1 : f.enable(),
                    f.imask() == null ? -1 : f.imask());
        } else if (g instanceof Command.GuestRead r) {
            int idx = java.util.Arrays.asList(GuestKernel.READABLE).indexOf(r.register().name());
            if (idx < 0) {
                throw new ImpossibleActionException(r.register() + (r.register() == TimerRegister.CNTVOFF_EL2
                        ? " is an EL2 register: the guest cannot read it" : " cannot be read by the guest"));
            }
            guest.issue(i, GuestKernel.Op.READ, idx, 0);
        } else if (g instanceof Command.Wfi) {
            guest.issue(i, GuestKernel.Op.WFI, 0, 0);
        } else if (g instanceof Command.Hvc) {
            guest.issue(i, GuestKernel.Op.HVC, 0, 0);
        } else if (g instanceof Command.Irqs q) {
            guest.issue(i, q.on() ? GuestKernel.Op.IRQS_ON : GuestKernel.Op.IRQS_OFF, 0, 0);
        } else if (g instanceof Command.IrqEnable e) {
            if (!Redistributor.isPrivate(e.intid())) {
                throw new ImpossibleActionException("INTID " + e.intid() + " is not a private interrupt "
                        + "(0-31); this machine models SGIs and PPIs only");
            }
            guest.issue(i, e.enable() ? GuestKernel.Op.IRQ_ENABLE : GuestKernel.Op.IRQ_DISABLE, e.intid(), 0);
        } else if (g instanceof Command.Ack) {
            guest.issue(i, GuestKernel.Op.ACK, 0, 0);
        } else if (g instanceof Command.Eoi e) {
            guest.issue(i, GuestKernel.Op.EOI, e.intid(), 0);
        } else if (g instanceof Command.Dir d) {
            guest.issue(i, GuestKernel.Op.DIR, d.intid(), 0);
        } else if (g instanceof Command.ExitToUserspace) {
            guest.issue(i, GuestKernel.Op.EXIT_TO_USERSPACE, 0, 0);
        }
        kvm.nudge(v.pcpu());
    }

    private void reenterFromUserspace() {
        for (int i = 0; i < config.vcpus(); i++) {
            if (kvm.reenter(kvm.vcpu(i))) {
                checker.invalidate(); // the VMM acted on the machine: look at everything next
            }
        }
    }

    private void runUntil(long target) throws ImpossibleActionException {
        Event e;
        while ((e = sim.queue().peek()) != null && Long.compareUnsigned(e.time(), target) <= 0) {
            runOne();
        }
        sim.queue().advanceTo(target);
    }

    private void runOne() throws ImpossibleActionException {
        Event e = sim.queue().poll();
        if (e.time() != instant) {
            instant = e.time();
            eventsThisInstant = 0;
        }
        if (++eventsThisInstant > LIVELOCK_LIMIT) {
            throw new ImpossibleActionException("the machine livelocked at t=" + Long.toUnsignedString(e.time())
                    + ": this command caused more than " + LIVELOCK_LIMIT + " events in one instant (see the end of "
                    + "the trace)");
        }
        sim.begin(e);
        if (e.kind() == HardwareEvent.TIMER_CONDITION) {
            sim.enter(vtimerlab.engine.trace.Context.Kind.HARDWARE, e.cpu());
            platform.onConditionEvent(e.cpu());
        } else if (e.kind() == KvmEvent.CPU_STEP) {
            kvm.cpuStep(e.cpu());
        } else if (e.kind() == KvmEvent.BG_TIMER_EXPIRE) {
            kvm.bgTimerExpire(e.cpu(), e.vcpu());
        } else if (e.kind() == KvmEvent.BG_TIMER_WORK) {
            kvm.bgTimerWork(e.cpu(), e.vcpu());
        } else if (e.kind() == KvmEvent.POLL_END) {
            kvm.pollEnd(e.cpu(), e.vcpu());
        } else if (e.kind() == KvmEvent.PTIMER_SOFT_TIMER_EXPIRE) {
            kvm.ptimerSoftTimerExpire(e.cpu(), e.vcpu());
        } else {
            throw new IllegalStateException("no handler for " + e);
        }
        checker.afterEvent(e.cpu());
        if (e.kind() == KvmEvent.CPU_STEP) {
            sim.queue().recycle(e); // its CPU forgot it when the step began: the next event scheduled reuses it
        }
        Event next = sim.queue().peek();
        if (next == null || next.time() != sim.now()) {
            checker.atRest();
        }
        long n = sim.queue().executed();
        if (!keepsHistory) {
            furthest = n;
            afterEachEvent.run();
            return;
        }
        if (n > MAX_EVENTS_WITH_HISTORY) {
            throw new ImpossibleActionException("a machine that keeps its history runs at most "
                    + MAX_EVENTS_WITH_HISTORY + " events; run it without history (the command line's run without "
                    + "--until or --state-at)");
        }
        if (n > furthest) {
            if (n > eventTimes.length) {
                eventTimes = java.util.Arrays.copyOf(eventTimes, (int) Math.min(Integer.MAX_VALUE - 8,
                        eventTimes.length * 2L));
            }
            eventTimes[(int) n - 1] = sim.now();
            if (n > eventCommands.length) {
                eventCommands = java.util.Arrays.copyOf(eventCommands, eventTimes.length);
            }
            eventCommands[(int) n - 1] = currentCommand;
            if (n > eventTraceEnds.length) {
                eventTraceEnds = java.util.Arrays.copyOf(eventTraceEnds, eventTimes.length);
            }
            eventTraceEnds[(int) n - 1] = sim.trace().size();
        } else if (sim.trace().replaying()) {
            sim.trace().showUpTo(eventTraceEnds[(int) n - 1]);
        }
        furthest = Math.max(furthest, n);
        afterEachEvent.run();
        if (n % snapshotInterval == 0 && (snapshots.isEmpty() || snapshots.get(snapshots.size() - 1).events() < n)) {
            takeSnapshot();
        }
        if (n == stopAfter) {
            throw new Stop();
        }
    }

    // =============================================================================================================
    // Going back in time: snapshots plus deterministic replay of the history
    // =============================================================================================================

    private void takeSnapshot() {
        java.util.Map<Event, Event> remap = new java.util.IdentityHashMap<>();
        Simulation s2 = new Simulation(sim, remap);
        Platform p2 = new Platform(platform, s2, remap);
        Kvm k2 = new Kvm(kvm, s2, p2, remap);
        GuestKernel g2 = new GuestKernel(guest, s2, p2, k2);
        InvariantChecker c2 = new InvariantChecker(checker, s2, p2, k2, g2);
        snapshots.add(new Snapshot(sim.queue().executed(), sim.trace().size(), s2, p2, k2, g2, c2, stepping, instant,
                eventsThisInstant, progress == null ? null : progress.copy(), nextEntry));
    }

    private void restore(Snapshot snap) {
        java.util.Map<Event, Event> remap = new java.util.IdentityHashMap<>();
        sim = new Simulation(snap.sim(), remap);
        platform = new Platform(snap.platform(), sim, remap);
        kvm = new Kvm(snap.kvm(), sim, platform, remap);
        guest = new GuestKernel(snap.guest(), sim, platform, kvm);
        checker = new InvariantChecker(snap.checker(), sim, platform, kvm, guest);
        if (checkMode != null) {
            checker.setMode(checkMode);
        }
        wire();
        stepping = snap.stepping();
        instant = snap.instant();
        eventsThisInstant = snap.eventsThisInstant();
        progress = snap.progress() == null ? null : snap.progress().copy();
        nextEntry = snap.nextEntry();
        sim.trace().truncate(snap.traceSize(), snap.events());
    }

    /** Snapshots every {@code events} engine events from now on (smaller: faster step back, more memory). */
    public void setSnapshotInterval(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("snapshot interval must be at least 1");
        }
        snapshotInterval = events;
    }

    /** Runs after every engine event (not during replays' skipped parts); for views and tests. */
    public void afterEachEvent(Runnable r) {
        afterEachEvent = r == null ? () -> { } : r;
    }

    /** The largest event number this machine has reached (it can go to any event from 0 to this one). */
    public long furthestEvent() {
        return furthest;
    }

    /**
     * Puts the machine exactly in the state it had just after engine event {@code event} ran (0: before the
     * first event), in both designs: it restores the nearest earlier snapshot and replays the history up to there.
     * The trace is cut back to that moment too. A command executed afterwards first completes the command that was
     * in progress at that event, then the later history is forgotten (a new branch).
     */
    public void goTo(long event) {
        needHistory();
        if (event < 0 || event > furthest) {
            throw new IllegalArgumentException("event " + event + " is not in this run (0.." + furthest + ")");
        }
        long here = sim.queue().executed();
        if (event > here && event - here <= snapshotInterval && stopAfter == Long.MAX_VALUE) {
            replayTo(event); // forward within the history: carry on replaying from here
            return;
        }
        Snapshot best = snapshots.get(0);
        for (Snapshot snap : snapshots) {
            if (snap.events() <= event) {
                best = snap;
            } else {
                break;
            }
        }
        restore(best);
        replayTo(event);
    }

    /** The last event of the run that happened at or before system-counter time {@code time} (0 if none). */
    public long eventAtTime(long time) {
        needHistory();
        int lo = 0;
        int hi = (int) furthest; // events 1..furthest at eventTimes[0..furthest-1], times non-decreasing
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(eventTimes[mid - 1], time) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The command (history entry, from 0) that event {@code event} belongs to; -1 for event 0 (the start). */
    public int commandOfEvent(long event) {
        needHistory();
        if (event <= 0 || event > furthest) {
            return -1;
        }
        return eventCommands[(int) event - 1];
    }

    /**
     * The last event of the run that belongs to command {@code command} or an earlier one and happened at or before
     * {@code time}: where a run of the same scenario in another design stands when this one is inside that command
     * at that time (the side-by-side view; time alone cannot tell apart events of one instant).
     */
    public long eventAtCommandAndTime(int command, long time) {
        needHistory();
        int lo = 0;
        int hi = (int) furthest;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (eventCommands[mid - 1] <= command) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Math.min(lo, eventAtTime(time));
    }

    /** One event back: the state just before the last event ran. */
    public void stepBack() {
        goTo(Math.max(0, sim.queue().executed() - 1));
    }

    /** Back to the end of the history: the state after everything the machine was asked to do. */
    public void goToEnd() {
        needHistory();
        Snapshot last = snapshots.get(snapshots.size() - 1);
        restore(last);
        replayTo(Long.MAX_VALUE);
        sim.trace().showUpTo(Integer.MAX_VALUE); // and the lines of commands after the last event (a refused one)
    }

    private void replayTo(long event) {
        if (sim.queue().executed() == event) {
            return;
        }
        stopAfter = event;
        try {
            if (progress != null) {
                replayOne(progress.index, this::carryOn);
            }
            while (nextEntry < history.size() && sim.queue().executed() < event) {
                int i = nextEntry;
                replayOne(i, () -> perform(i));
            }
        } catch (Stop reached) {
            // the machine now stands just after event `event`
        } finally {
            stopAfter = Long.MAX_VALUE;
        }
    }

    private interface Replayed {
        void run() throws ImpossibleActionException;
    }

    /**
     * Replays (the rest of) history entry {@code index}. A command refused the first time must be refused again, with
     * the same message, and one carried out must be carried out again: the engine is deterministic, so a difference
     * is a bug in going back (a snapshot that missed some state), and it is reported rather than hidden.
     */
    private void replayOne(int index, Replayed step) {
        String outcome;
        try {
            step.run();
            outcome = Entry.ACCEPTED;
        } catch (ImpossibleActionException refused) {
            outcome = refused.getMessage();
        }
        expectSameOutcome(index, outcome);
    }

    private void expectSameOutcome(int index, String outcome) {
        Entry entry = history.get(index);
        if (entry.outcome != null && !entry.outcome.equals(outcome)) {
            String what = entry.isSettle() ? "finishing the instant" : "'" + Echo.of(entry.origin().text()) + "'";
            throw new IllegalStateException("replay diverged at history entry " + index + " (" + what + "): the "
                    + "first time " + describeOutcome(entry.outcome) + ", now " + describeOutcome(outcome));
        }
    }

    private static String describeOutcome(String outcome) {
        return outcome.equals(Entry.ACCEPTED) ? "it was carried out" : "it was refused: " + outcome;
    }

    /** Before a new command after going back: finish what was in progress and forget the later history. */
    private void branchHere() {
        if (progress != null) {
            sim.setFastReplay(false); // every line the rest of this command wrote stays, also those outside events
            int index = progress.index;
            try {
                replayOne(index, this::carryOn);
            } finally {
                sim.setFastReplay(true);
            }
        }
        sim.trace().forgetFuture();
        if (nextEntry < history.size()) {
            history.subList(nextEntry, history.size()).clear();
            long now = sim.queue().executed();
            snapshots.removeIf(snap -> snap.events() > now);
            furthest = now;
        }
    }

    // =============================================================================================================
    // State paths (scenario-language.md, "Checks")
    // =============================================================================================================

    /** The value at a state path of the scenario language, e.g. {@code pcpu0.gic.irq27.state}. */
    public Value read(String path) throws UnknownPathException {
        Schema.Match m = Schema.match(path);
        if (m != null && inMachine(m.at())) {
            Value v = m.path().read(parts, m.at());
            if (v != null) {
                return v;
            }
        }
        throw new UnknownPathException(unknownPathMessage(Echo.of(path),
                path.toLowerCase(java.util.Locale.ROOT).split("\\.")));
    }

    private boolean inMachine(StatePath.Indices at) {
        return at.pcpu() < config.pcpus() && at.vcpu() < config.vcpus() && at.lr() < config.lrs();
    }

    private String unknownPathMessage(String path, String[] p) {
        if (p[0].startsWith("pcpu") && indexOf(p[0], "pcpu") >= config.pcpus()) {
            return "no such path '" + path + "': the machine has pcpu0..pcpu" + (config.pcpus() - 1);
        }
        if (p[0].startsWith("vcpu") && indexOf(p[0], "vcpu") >= config.vcpus()) {
            return "no such path '" + path + "': the machine has vcpu0..vcpu" + (config.vcpus() - 1);
        }
        if (p.length >= 2 && p[1].startsWith("lr") && p[0].startsWith("pcpu")) {
            return "no such path '" + path + "': each CPU has lr0..lr" + (config.lrs() - 1);
        }
        return "no such path '" + path + "'";
    }

    private static int indexOf(String part, String prefix) {
        try {
            return Integer.parseInt(part.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every contract state path of this machine with its value, sorted by path (for {@code --state}). */
    public SortedMap<String, Value> state() {
        SortedMap<String, Value> out = new TreeMap<>();
        for (String path : paths()) {
            try {
                out.put(path, read(path));
            } catch (UnknownPathException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The contract's state paths for this machine (the extensions are readable but not listed), from the registry. */
    public List<String> paths() {
        return Schema.contractPaths(config);
    }

    /** The machine's parts as the registry's readers see them: always the current ones (a restore replaces them). */
    private final MachineState parts = new MachineState() {
        @Override
        public MachineConfig config() {
            return config;
        }

        @Override
        public long now() {
            return sim.now();
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public Kvm kvm() {
            return kvm;
        }

        @Override
        public GuestKernel guest() {
            return guest;
        }

        @Override
        public InvariantChecker checker() {
            return checker;
        }
    };

    /** Whether the CPU interface of {@code cpu} signals an interrupt now (for views). */
    public boolean physicalIrqSignalled(int cpu) {
        return platform.cpu(cpu).signalledInterrupt() != CpuInterface.SPURIOUS;
    }
}
