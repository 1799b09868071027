package vtimerlab.engine.guest;

import java.util.ArrayDeque;
import java.util.Deque;

import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.NotCopiedBySnapshot;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.CpuInterface;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.hardware.VirtualCpuInterface;
import vtimerlab.engine.kvm.ExitReason;
import vtimerlab.engine.kvm.GuestCode;
import vtimerlab.engine.kvm.Kvm;
import vtimerlab.engine.kvm.Vcpu;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;

/**
 * The guest kernels of all vCPUs: what each vCPU executes while it is in guest mode. A guest executes the
 * instructions the scenario gives it, one engine step each, and takes the virtual timer interrupt with the handler
 * its scenario chose. The guest accesses its timer and its virtual CPU interface directly (no trap: CNTHCTL_EL2 does
 * not trap the virtual timer, HCR_EL2.IMO sends ICC_* to ICV_*), and traps to KVM for WFI, HVC and MMIO.
 */
public final class GuestKernel implements GuestCode {

    /** One guest instruction (or handler step), plain data. */
    public enum Op {
        WRITE_CTL, WRITE_CTL_FIELDS, WRITE_CVAL, WRITE_TVAL, READ, WFI, HVC, IRQS_OFF, IRQS_ON, IRQ_ENABLE,
        IRQ_DISABLE, ACK, EOI, DIR, EXIT_TO_USERSPACE,
        /** A write of CNTP_CTL/CVAL/TVAL_EL0 (a = the register's ordinal, b = the value): it traps to KVM. */
        TRAPPED_WRITE,
        /** CNTP_CTL_EL0 by its fields (a = ENABLE or -1, b = IMASK or -1): one trapped write. */
        TRAPPED_WRITE_CTL_FIELDS,
        /** Handler: acknowledge. */
        H_ACK,
        /** Handler: set IMASK. */
        H_MASK,
        /** Handler: write CTL with ENABLE=0. */
        H_DISABLE,
        /** Handler: write TVAL = period. */
        H_TVAL,
        /** Handler: EOI the acknowledged INTID. */
        H_EOI,
        /** Return from the exception: PSTATE.I back to 0. */
        ERET
    }

    record Instruction(Op op, long a, long b) { }

    // the handler's fixed instructions (records: shared, never changed)
    private static final Instruction H_ACK = new Instruction(Op.H_ACK, 0, 0);
    private static final Instruction H_EOI = new Instruction(Op.H_EOI, 0, 0);
    private static final Instruction H_MASK = new Instruction(Op.H_MASK, 0, 0);
    private static final Instruction H_DISABLE = new Instruction(Op.H_DISABLE, 0, 0);
    private static final Instruction ERET = new Instruction(Op.ERET, 0, 0);

    /**
     * What a guest saw: a timer interrupt it acknowledged, or a timer register value it read, with the system
     * counter and its own virtual count at that moment. The optimization must be invisible here: both designs must
     * give every guest the same list.
     */
    public record Observation(int vcpu, String what, long value, long time, long virtualCount) {
        @Override
        public String toString() {
            return "vcpu" + vcpu + " " + what + "=" + value + " @t=" + time + " (cntvct " + virtualCount + ")";
        }
    }

    /** Per-vCPU guest state. */
    static final class GuestState {
        HandlerKind handler;
        boolean irqsMasked;
        boolean inHandler;
        int handlerIntid = CpuInterface.SPURIOUS;
        long timerIrqs;
        /** IAR reads that returned the physical timer's INTID 30. */
        long ptimerIrqs;
        /** CNTP_CTL_EL0's ENABLE and IMASK as this guest last wrote them (its handler writes from these). */
        long ptimerCtl;
        long lastRead;
        final Deque<Instruction> program = new ArrayDeque<>();

        GuestState() {
        }

        GuestState(GuestState o) {
            handler = o.handler;
            irqsMasked = o.irqsMasked;
            inHandler = o.inHandler;
            handlerIntid = o.handlerIntid;
            timerIrqs = o.timerIrqs;
            ptimerIrqs = o.ptimerIrqs;
            ptimerCtl = o.ptimerCtl;
            lastRead = o.lastRead;
            program.addAll(o.program);
        }
    }

    @NotCopiedBySnapshot("the copied simulation, passed in")
    private final Simulation sim;
    @NotCopiedBySnapshot("the copied hardware, passed in")
    private final Platform hw;
    @NotCopiedBySnapshot("the copied KVM, passed in")
    private final Kvm kvm;
    private final GuestState[] guests;
    /**
     * Everything the guests observed, in order: one append-only list shared by the machine and its snapshots (a
     * snapshot does not copy it), each seeing its first {@link #observationCount} entries, as the trace does.
     */
    @NotCopiedBySnapshot("append-only and shared: each copy sees its first observationCount entries")
    private final java.util.List<Observation> observationLog;
    private int observationCount;
    /** False for a machine that keeps no history: a long run would keep millions of observations. */
    private final boolean keepObservations;
    @NotCopiedBySnapshot("wired again by the machine")
    private java.util.function.BiConsumer<Integer, Long> onTimerAck = (v, t) -> { };
    @NotCopiedBySnapshot("wired again by the machine")
    private Platform.AckListener onVirtualAck = (v, intid, wasActive) -> { };

    /** Told of every guest acknowledge (the first argument is the vCPU), for the checker's I7. */
    public void onVirtualAck(Platform.AckListener listener) {
        this.onVirtualAck = listener;
    }

    public GuestKernel(Simulation sim, Platform hw, Kvm kvm, HandlerKind[] handlers) {
        this(sim, hw, kvm, handlers, true);
    }

    /** With {@code keepObservations} false the guests observe as usual but nothing is kept. */
    public GuestKernel(Simulation sim, Platform hw, Kvm kvm, HandlerKind[] handlers, boolean keepObservations) {
        this.keepObservations = keepObservations;
        this.sim = sim;
        this.hw = hw;
        this.kvm = kvm;
        this.observationLog = new java.util.ArrayList<>();
        this.guests = new GuestState[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            guests[i] = new GuestState();
            guests[i].handler = handlers[i];
        }
    }

    /** A copy for a snapshot, on the copied machine; listeners are wired again by the machine. */
    public GuestKernel(GuestKernel o, Simulation sim, Platform hw, Kvm kvm) {
        this.sim = sim;
        this.hw = hw;
        this.kvm = kvm;
        this.guests = new GuestState[o.guests.length];
        for (int i = 0; i < guests.length; i++) {
            guests[i] = new GuestState(o.guests[i]);
        }
        this.observationLog = o.observationLog;
        this.observationCount = o.observationCount;
        this.keepObservations = o.keepObservations;
    }

    /** Called when a guest acknowledges its timer interrupt (for the checker). */
    public void onTimerAck(java.util.function.BiConsumer<Integer, Long> listener) {
        this.onTimerAck = listener;
    }

    // ---- what the machine reads -----------------------------------------------------------------------------

    /** Everything the guests observed, in order. */
    public java.util.List<Observation> observations() {
        return java.util.List.copyOf(observationLog.subList(0, observationCount));
    }

    private void observe(Vcpu v, String what, long value) {
        if (keepObservations) {
            observe(v, what, value, hw.readTimer(cpu(v), "CNTVCT_EL0"));
        }
    }

    /** An observation with the guest's virtual count given (a trapped access completes while KVM runs). */
    private void observe(Vcpu v, String what, long value, long virtualCount) {
        if (!keepObservations) {
            return;
        }
        long now = sim.now();
        Observation o = new Observation(v.id(), what, value, now, virtualCount);
        if (observationCount < observationLog.size()) {
            if (observationLog.get(observationCount).equals(o)) {
                observationCount++; // a replay after going back observes exactly what is already there
                return;
            }
            // a new branch of history: the later observations are gone for good (so are the snapshots after here)
            observationLog.subList(observationCount, observationLog.size()).clear();
        }
        observationLog.add(o);
        observationCount++;
    }

    public long timerIrqs(int vcpu) {
        return guests[vcpu].timerIrqs;
    }

    /** Physical timer interrupts (INTID 30) the guest has acknowledged. */
    public long ptimerIrqs(int vcpu) {
        return guests[vcpu].ptimerIrqs;
    }

    public boolean irqsMasked(int vcpu) {
        return guests[vcpu].irqsMasked;
    }

    public boolean inHandler(int vcpu) {
        return guests[vcpu].inHandler;
    }

    public long lastRead(int vcpu) {
        return guests[vcpu].lastRead;
    }

    /** False for the {@code manual} handler: the scenario acknowledges by itself. */
    public boolean handlesInterrupts(int vcpu) {
        return !(HandlerKind.base(guests[vcpu].handler) instanceof HandlerKind.Manual);
    }

    public HandlerKind handler(int vcpu) {
        return guests[vcpu].handler;
    }

    public boolean busy(int vcpu) {
        return !guests[vcpu].program.isEmpty();
    }

    /** Gives the guest of {@code vcpu} one instruction to execute; the machine makes sure it is in guest mode. */
    public void issue(int vcpu, Op op, long a, long b) {
        guests[vcpu].program.addLast(new Instruction(op, a, b));
    }

    // ---- GuestCode --------------------------------------------------------------------------------------------

    @Override
    public boolean wantsToRun(Vcpu v) {
        GuestState g = guests[v.id()];
        return !g.program.isEmpty() || canTakeInterrupt(v, g);
    }

    private boolean canTakeInterrupt(Vcpu v, GuestState g) {
        return !g.irqsMasked && !g.inHandler && !(HandlerKind.base(g.handler) instanceof HandlerKind.Manual)
                && hw.cpu(v.pcpu()).virtualInterface().signalledLr(v.virtualPriorities()) >= 0;
    }

    @Override
    public void runNext(Vcpu v) {
        GuestState g = guests[v.id()];
        if (canTakeInterrupt(v, g)) {
            takeInterrupt(v, g); // an unmasked interrupt is taken before the next instruction
        } else if (!g.program.isEmpty()) {
            execute(v, g, g.program.pollFirst());
        }
    }

    private void takeInterrupt(Vcpu v, GuestState g) {
        g.inHandler = true;
        g.irqsMasked = true; // exception entry sets PSTATE.I
        sim.touchVcpu(v.id());
        // the handler goes in front of the program, last instruction first: ack, its body, EOI, eret
        Deque<Instruction> program = g.program;
        HandlerKind k = HandlerKind.base(g.handler);
        program.addFirst(ERET);
        if (k instanceof HandlerKind.EoiFirst) {
            program.addFirst(H_MASK);
            program.addFirst(H_EOI);
        } else {
            program.addFirst(H_EOI);
            if (k instanceof HandlerKind.Mask) {
                program.addFirst(H_MASK);
            } else if (k instanceof HandlerKind.Disable) {
                program.addFirst(H_DISABLE);
            } else if (k instanceof HandlerKind.Periodic p) {
                program.addFirst(new Instruction(Op.H_TVAL, p.period(), 0));
            }
        }
        program.addFirst(H_ACK);
        if (sim.tracing()) {
            guestTrace(v, Kind.GUEST, "takes the virtual IRQ exception (handler " + g.handler.scenarioName() + ")",
                    "an LR is pending and PSTATE.I = 0");
        }
        execute(v, g, g.program.pollFirst());
    }

    private int cpu(Vcpu v) {
        return v.pcpu();
    }

    private void guestTrace(Vcpu v, Kind kind, String what, String why) {
        guestTrace(v, kind, Subject.NONE, what, why);
    }

    private void guestTrace(Vcpu v, Kind kind, Subject subject, String what, String why) {
        if (sim.tracing()) {
            sim.trace(cpu(v), "guest", kind, subject, v.name() + " " + what, why);
        }
    }

    private void execute(Vcpu v, GuestState g, Instruction in) {
        int cpu = cpu(v);
        long now = sim.now();
        switch (in.op()) {
            case WRITE_CTL -> writeTimer(v, "CNTV_CTL_EL0", in.a());
            case WRITE_CTL_FIELDS -> {
                long ctl = hw.readTimer(cpu, "CNTV_CTL_EL0") & 3;
                if (in.a() >= 0) {
                    ctl = in.a() == 1 ? ctl | GenericTimer.CTL_ENABLE : ctl & ~GenericTimer.CTL_ENABLE;
                }
                if (in.b() >= 0) {
                    ctl = in.b() == 1 ? ctl | GenericTimer.CTL_IMASK : ctl & ~GenericTimer.CTL_IMASK;
                }
                writeTimer(v, "CNTV_CTL_EL0", ctl);
            }
            case WRITE_CVAL -> writeTimer(v, "CNTV_CVAL_EL0", in.a());
            case TRAPPED_WRITE -> trappedWrite(v, g, TimerRegister.values()[(int) in.a()], in.b());
            case TRAPPED_WRITE_CTL_FIELDS -> {
                long ctl = g.ptimerCtl;
                if (in.a() >= 0) {
                    ctl = in.a() == 1 ? ctl | GenericTimer.CTL_ENABLE : ctl & ~GenericTimer.CTL_ENABLE;
                }
                if (in.b() >= 0) {
                    ctl = in.b() == 1 ? ctl | GenericTimer.CTL_IMASK : ctl & ~GenericTimer.CTL_IMASK;
                }
                trappedWrite(v, g, TimerRegister.CNTP_CTL_EL0, ctl);
            }
            case WRITE_TVAL -> writeTimer(v, "CNTV_TVAL_EL0", in.a());
            case READ -> {
                String reg = READABLE[(int) in.a()];
                if (reg.equals("ICC_IAR1_EL1")) {
                    acknowledge(v, g, false);
                    return;
                }
                TimerRegister r = TimerRegister.valueOf(reg);
                if (r.trapped()) {
                    guestTrace(v, Kind.REGISTER_READ, Subject.register(r), "reads " + reg,
                            "CNTHCTL_EL2.EL1PCEN = 0: the access traps to KVM, which emulates it");
                    kvm.trapPhysTimerAccess(v, r, false, 0);
                    return;
                }
                if (r == TimerRegister.CNTPCT_EL0) {
                    long count = sim.now();
                    g.lastRead = count;
                    observe(v, reg, count);
                    guestTrace(v, Kind.REGISTER_READ, Subject.register(r), "reads CNTPCT_EL0 -> 0x"
                            + Long.toHexString(count), "CNTHCTL_EL2.EL1PCTEN = 1: no trap, and no offset");
                    return;
                }
                long value = hw.readTimer(cpu, reg);
                g.lastRead = value;
                observe(v, reg, value);
                guestTrace(v, Kind.REGISTER_READ, Subject.register(TimerRegister.valueOf(reg)),
                        "reads " + reg + " -> " + (reg.equals("CNTV_TVAL_EL0")
                                ? Long.toString(value) : "0x" + Long.toHexString(value)), "guest access, no trap");
            }
            case WFI -> {
                VirtualCpuInterface vif = hw.cpu(cpu).virtualInterface();
                if (vif.anyPending(v.virtualPriorities())) {
                    guestTrace(v, Kind.GUEST, "WFI completes at once: a virtual interrupt is pending",
                            "a pending interrupt is a wake-up event even with PSTATE.I set; no trap");
                } else {
                    guestTrace(v, Kind.GUEST, "WFI", "nothing pending: traps to EL2 (HCR_EL2.TWI)");
                    kvm.exitFromGuest(v, ExitReason.WFI, 0);
                }
            }
            case HVC -> {
                guestTrace(v, Kind.GUEST, "HVC", "hypercall: traps to EL2");
                kvm.exitFromGuest(v, ExitReason.HVC, 0);
            }
            case IRQS_OFF -> {
                g.irqsMasked = true;
                sim.touchVcpu(v.id());
                guestTrace(v, Kind.GUEST, "masks interrupts: PSTATE.I := 1", "msr daifset");
            }
            case IRQS_ON -> {
                g.irqsMasked = false;
                sim.touchVcpu(v.id());
                guestTrace(v, Kind.GUEST, "unmasks interrupts: PSTATE.I := 0", "msr daifclr");
            }
            case IRQ_ENABLE, IRQ_DISABLE -> {
                boolean en = in.op() == Op.IRQ_ENABLE;
                guestTrace(v, Kind.GUEST, Subject.intid((int) in.a()), "writes GICR_I" + (en ? "S" : "C")
                        + "ENABLER0 for INTID " + in.a(),
                        "its redistributor is emulated by KVM: the access traps");
                kvm.exitFromGuest(v, ExitReason.MMIO_GIC, in.a() | ((en ? 1L : 0L) << 8));
            }
            case ACK -> acknowledge(v, g, false);
            case H_ACK -> acknowledge(v, g, true);
            case EOI -> endOfInterrupt(v, g, (int) in.a());
            case H_EOI -> endOfInterrupt(v, g, g.handlerIntid);
            case DIR -> guestTrace(v, Kind.WARNING, Subject.register(TimerRegister.ICC_DIR_EL1, (int) in.a()),
                    "writes ICC_DIR_EL1 := " + in.a() + ": ignored",
                    "the guest runs with EOImode 0 (ICH_VMCR_EL2.VEOIM = 0): its EOI already deactivated");
            case EXIT_TO_USERSPACE -> {
                guestTrace(v, Kind.GUEST, "accesses a device the VMM emulates", "MMIO: traps to EL2, then userspace");
                kvm.exitFromGuest(v, ExitReason.MMIO_USERSPACE, 0);
            }
            case H_MASK, H_DISABLE, H_TVAL -> {
                if (g.handlerIntid == Redistributor.PTIMER_INTID) {
                    // the physical timer's handler writes CNTP_* (each write traps), from the control value it
                    // last wrote, as kvm-unit-tests' handler does (no read-modify-write)
                    switch (in.op()) {
                        case H_MASK -> trappedWrite(v, g, TimerRegister.CNTP_CTL_EL0,
                                g.ptimerCtl | GenericTimer.CTL_IMASK);
                        case H_DISABLE -> trappedWrite(v, g, TimerRegister.CNTP_CTL_EL0,
                                g.ptimerCtl & ~GenericTimer.CTL_ENABLE);
                        default -> trappedWrite(v, g, TimerRegister.CNTP_TVAL_EL0, in.a());
                    }
                } else {
                    virtualHandlerStep(v, in);
                }
            }
            case ERET -> {
                g.inHandler = false;
                g.irqsMasked = false;
                sim.touchVcpu(v.id());
                guestTrace(v, Kind.GUEST, "returns from the interrupt: PSTATE.I := 0", "eret");
            }
            default -> throw new IllegalStateException(in.op().name());
        }
        if (now != sim.now()) {
            throw new IllegalStateException("guest instructions take no time");
        }
    }

    /** The registers {@code Op.READ} names, by index. */
    public static final String[] READABLE = {"CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0", "CNTVCT_EL0",
        "ICC_IAR1_EL1", "CNTP_CTL_EL0", "CNTP_CVAL_EL0", "CNTP_TVAL_EL0", "CNTPCT_EL0"};

    /** The virtual timer handler's mask, disable or TVAL step: a direct access, no trap. */
    private void virtualHandlerStep(Vcpu v, Instruction in) {
        int cpu = cpu(v);
        switch (in.op()) {
            case H_MASK -> {
                long ctl = hw.readTimer(cpu, "CNTV_CTL_EL0") & 3;
                writeTimer(v, "CNTV_CTL_EL0", ctl | GenericTimer.CTL_IMASK);
            }
            case H_DISABLE -> {
                long ctl = hw.readTimer(cpu, "CNTV_CTL_EL0") & 3;
                writeTimer(v, "CNTV_CTL_EL0", ctl & ~GenericTimer.CTL_ENABLE);
            }
            default -> writeTimer(v, "CNTV_TVAL_EL0", in.a());
        }
    }

    /** A write of CNTP_CTL/CVAL/TVAL_EL0: it traps; KVM stores it in the timer it keeps in memory. */
    private void trappedWrite(Vcpu v, GuestState g, TimerRegister r, long value) {
        if (r == TimerRegister.CNTP_CTL_EL0) {
            g.ptimerCtl = value & (GenericTimer.CTL_ENABLE | GenericTimer.CTL_IMASK);
        }
        if (sim.tracing()) {
            String shown = r == TimerRegister.CNTP_TVAL_EL0 ? Long.toString(value) : "0x" + Long.toHexString(value);
            guestTrace(v, Kind.REGISTER_WRITE, Subject.register(r), "writes " + r.name() + " := " + shown,
                    "CNTHCTL_EL2.EL1PCEN = 0: the access traps to KVM, which emulates it");
        }
        kvm.trapPhysTimerAccess(v, r, true, value);
    }

    @Override
    public void trappedReadReturns(Vcpu v, TimerRegister r, long value) {
        GuestState g = guests[v.id()];
        g.lastRead = value;
        // the guest's virtual count at its access: KVM runs now, and v4.14 has zeroed CNTVOFF_EL2 on the exit
        observe(v, r.name(), value, sim.now() - v.vtimer().cntvoff());
    }

    private void writeTimer(Vcpu v, String reg, long value) {
        if (sim.tracing()) { // the texts are built only for the trace
            boolean tval = reg.equals("CNTV_TVAL_EL0");
            String shown = tval ? Long.toString((int) value) : "0x" + Long.toHexString(value);
            String extra = tval ? " (CVAL := CNTVCT + TVAL = "
                    + Long.toUnsignedString(hw.readTimer(cpu(v), "CNTVCT_EL0") + (int) value) + ")" : "";
            guestTrace(v, Kind.REGISTER_WRITE, Subject.register(TimerRegister.valueOf(reg)), "writes " + reg + " := "
                    + shown + extra, "guest access, no trap");
        }
        hw.writeTimer(cpu(v), reg, value);
    }

    private void acknowledge(Vcpu v, GuestState g, boolean inHandler) {
        VirtualCpuInterface vif = hw.cpu(cpu(v)).virtualInterface();
        int lr = vif.signalledLr(v.virtualPriorities());
        boolean wasActive = false;
        if (lr >= 0) {
            for (int k = 0; k < vif.count(); k++) {
                wasActive |= vif.lr(k).vintid() == vif.lr(lr).vintid() && vif.lr(k).state().active();
            }
        }
        int intid = vif.acknowledge(v.virtualPriorities());
        sim.touchCpu(cpu(v));
        if (intid != CpuInterface.SPURIOUS) {
            onVirtualAck.acknowledged(v.id(), intid, wasActive);
        }
        g.lastRead = intid;
        if (inHandler) {
            g.handlerIntid = intid;
        }
        if (intid == CpuInterface.SPURIOUS) {
            guestTrace(v, Kind.GUEST, Subject.register(TimerRegister.ICC_IAR1_EL1, CpuInterface.SPURIOUS),
                    "reads ICC_IAR1_EL1 -> 1023 (spurious)", "no LR is pending above the "
                    + "virtual priority mask");
            if (inHandler) {
                while (!g.program.isEmpty() && g.program.peekFirst().op() != Op.ERET) {
                    g.program.pollFirst();
                }
            }
            return;
        }
        ListRegister l = vif.lr(lr);
        if (sim.tracing()) {
            guestTrace(v, Kind.LIST_REGISTER, new Subject(TimerRegister.ICC_IAR1_EL1, intid, lr)
                    .leavingLr(GicState.named(l.state().name())),
                    "reads ICC_IAR1_EL1 -> " + intid + "; LR" + lr + " " + l,
                    "GICv3 ICV_IAR1_EL1: pending -> active");
        }
        if (intid == Redistributor.VTIMER_INTID) {
            g.timerIrqs++;
            observe(v, "timer interrupt", intid);
            onTimerAck.accept(v.id(), g.timerIrqs);
        } else if (intid == Redistributor.PTIMER_INTID) {
            g.ptimerIrqs++;
            observe(v, "physical timer interrupt", intid);
        }
        if (inHandler && !HandlerKind.handlesTimer(g.handler, intid)) {
            // not a timer this handler handles: it only EOIs it
            while (!g.program.isEmpty() && g.program.peekFirst().op() != Op.H_EOI) {
                g.program.pollFirst();
            }
        }
    }

    private void endOfInterrupt(Vcpu v, GuestState g, int intid) {
        VirtualCpuInterface.EoiResult r = hw.guestEndOfInterrupt(cpu(v), v.virtualPriorities(), intid);
        if (r.lr() < 0) {
            guestTrace(v, Kind.GUEST, Subject.register(TimerRegister.ICC_EOIR1_EL1, intid),
                    "writes ICC_EOIR1_EL1 := " + intid + ": priority drop, no LR holds it active",
                    "ICH_HCR_EL2.EOIcount + 1");
            return;
        }
        if (sim.tracing()) {
            ListRegister l = hw.cpu(cpu(v)).virtualInterface().lr(r.lr());
            String phys = r.physicalDeactivated() >= 0
                    ? "; HW=1: physical PPI " + r.physicalDeactivated() + " deactivated too, now "
                    + hw.cpu(cpu(v)).redistributor().irq(r.physicalDeactivated()).state().pathName()
                    : (l.hw() ? "" : "; HW=0: the physical interrupt is not touched");
            Subject s = new Subject(TimerRegister.ICC_EOIR1_EL1, intid, r.lr()).leavingLr(GicState.named(l.state().name()));
            if (r.physicalDeactivated() >= 0) {
                s = s.changing(null, GicState.named(hw.cpu(cpu(v)).redistributor().irq(r.physicalDeactivated()).state()
                        .name()));
            }
            guestTrace(v, Kind.LIST_REGISTER, s,
                    "writes ICC_EOIR1_EL1 := " + intid + ": LR" + r.lr() + " "
                    + l.state().pathName() + phys, "GICv3 ICV_EOIR1_EL1, EOImode 0: drop and deactivate");
        }
        if (hw.cpu(cpu(v)).virtualInterface().lr(r.lr()).maintenanceRaised()) {
            guestTrace(v, Kind.GUEST, Subject.listRegister(r.lr(), intid), "LR" + r.lr() + " had its EOI bit and is "
                    + "now invalid: the vGIC raises its maintenance interrupt", "ICH_HCR_EL2.En is set by KVM: a "
                    + "physical interrupt at EL2, the guest exits");
            kvm.exitFromGuest(v, ExitReason.MAINTENANCE, 0);
        }
    }
}
