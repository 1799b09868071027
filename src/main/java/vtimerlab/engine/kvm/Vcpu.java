package vtimerlab.engine.kvm;

import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.EventQueue;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.hardware.VirtualPriorities;

/**
 * One vCPU: its host thread (where it runs, whether it runs), where it is in KVM's code, its timer contexts
 * ({@code struct arch_timer_cpu}: the virtual timer's context, the background timer) and its vGIC state.
 */
public final class Vcpu {

    /** The host thread's scheduler state. */
    public enum ThreadState { RUNNING, RUNNABLE, SLEEPING }

    /** The scenario language's {@code vcpuI.mode}. */
    public enum Mode {
        GUEST, HOST, BLOCKED, PREEMPTED, USERSPACE;

        private final String pathName = name().toLowerCase(java.util.Locale.ROOT);

        public String pathName() {
            return pathName;
        }
    }

    final int id;
    /** {@code vcpuI}, built once (trace and messages use it often). */
    private final String name;
    int pcpu;
    ThreadState thread = ThreadState.RUNNING;
    /** Between vcpu_load and vcpu_put of an ioctl: the preempt notifiers are registered. */
    boolean inKvmRun;
    boolean inGuest;
    /** Trapped out of the guest, the world switch has not yet run (hyp code, host interrupts off). */
    boolean exiting;
    boolean inBlock;
    /** Between kvm_timer_schedule and kvm_timer_unschedule. */
    boolean timerScheduled;
    boolean polling;
    long pollStart;
    /** When the present kvm_vcpu_block began (its {@code start}). */
    long blockStart;
    /** {@code vcpu->halt_poll_ns} with {@code halt_poll=adaptive}: this vCPU's polling window, 0 for a new vCPU. */
    long haltPollNs;
    Event pollEvent;
    boolean hostIrqsOff;
    boolean needResched;
    int migrateTo = -1;
    boolean signalPending;
    /** {@code KVM_REQ_IRQ_PENDING}: made when an interrupt is queued for the vCPU, cleared by check_vcpu_requests. */
    boolean requestPending;
    boolean reenterPending;
    /** What the VMM will ask of the thread once KVM_RUN has returned (ioctls), first first. */
    final CallStack vmmQueue;
    /** The kernel code still to run on this thread. */
    final CallStack stack;
    int depth;

    // ---- timers (struct arch_timer_cpu) ----
    /** The virtual timer's context. */
    final TimerContext vtimer;
    /** {@code bg_timer}: the background hrtimer that wakes a blocked vCPU. */
    Event bgTimer;
    /** The background timer was armed from an offset the VMM has changed since (hazard H2). */
    boolean bgDeadlineStale;
    /**
     * The emulated EL1 physical timer's context ({@code vcpu_ptimer(vcpu)}): only in memory, compared with the
     * physical count (its {@code cntvoff} stays 0, {@code kvm_timer_vcpu_init}).
     */
    final TimerContext ptimer;
    /**
     * The soft timer watching the physical timer's deadline: v4.15's {@code phys_timer} hrtimer, or v4.14's shared
     * {@code timer->timer} while {@code kvm_timer_flush_hwstate} has armed it for the physical timer.
     */
    Event ptimerSoftTimer;
    /**
     * v4.15 only: {@code kvm_timer_vcpu_load} found the physical timer's deadline passed with its line low and
     * cancelled the soft timer without raising the line (the lost interrupt, hazard H3); cleared when
     * {@code kvm_timer_update_state} looks at the physical timer again.
     */
    boolean ptimerLostAtLoad;
    /** The trapped CNTP_* access being handled: the register, write or read, the value written. */
    vtimerlab.engine.TimerRegister trapRegister;
    boolean trapWrite;
    long trapValue;

    // ---- vGIC ----
    final VgicIrq[] irqs = new VgicIrq[Redistributor.PRIVATE_INTIDS];
    final VirtualPriorities virtualPriorities;
    /** The LR contents the flush decided and the world switch loads (vgic_cpu->vgic_v3.vgic_lr). */
    final ListRegister[] shadowLrs;
    int usedLrs;

    Vcpu(int id, int pcpu, int lrs) {
        this.id = id;
        this.name = "vcpu" + id;
        this.pcpu = pcpu;
        this.vmmQueue = new CallStack();
        this.stack = new CallStack();
        this.vtimer = new TimerContext(Redistributor.VTIMER_INTID);
        this.ptimer = new TimerContext(Redistributor.PTIMER_INTID);
        this.virtualPriorities = new VirtualPriorities();
        for (int i = 0; i < irqs.length; i++) {
            irqs[i] = new VgicIrq(i);
        }
        shadowLrs = new ListRegister[lrs];
        for (int i = 0; i < lrs; i++) {
            shadowLrs[i] = new ListRegister();
        }
    }

    /** A copy for a snapshot. */
    Vcpu(Vcpu o, java.util.Map<Event, Event> remap) {
        this.id = o.id;
        this.name = o.name;
        this.pcpu = o.pcpu;
        this.thread = o.thread;
        this.inKvmRun = o.inKvmRun;
        this.inGuest = o.inGuest;
        this.exiting = o.exiting;
        this.inBlock = o.inBlock;
        this.timerScheduled = o.timerScheduled;
        this.polling = o.polling;
        this.pollStart = o.pollStart;
        this.blockStart = o.blockStart;
        this.haltPollNs = o.haltPollNs;
        this.pollEvent = EventQueue.remap(o.pollEvent, remap);
        this.hostIrqsOff = o.hostIrqsOff;
        this.needResched = o.needResched;
        this.migrateTo = o.migrateTo;
        this.signalPending = o.signalPending;
        this.requestPending = o.requestPending;
        this.reenterPending = o.reenterPending;
        this.vmmQueue = new CallStack(o.vmmQueue);
        this.stack = new CallStack(o.stack);
        this.depth = o.depth;
        this.vtimer = new TimerContext(o.vtimer);
        this.bgTimer = EventQueue.remap(o.bgTimer, remap);
        this.bgDeadlineStale = o.bgDeadlineStale;
        this.ptimer = new TimerContext(o.ptimer);
        this.ptimerSoftTimer = EventQueue.remap(o.ptimerSoftTimer, remap);
        this.ptimerLostAtLoad = o.ptimerLostAtLoad;
        this.trapRegister = o.trapRegister;
        this.trapWrite = o.trapWrite;
        this.trapValue = o.trapValue;
        for (int i = 0; i < irqs.length; i++) {
            irqs[i] = new VgicIrq(o.irqs[i]);
        }
        this.virtualPriorities = new VirtualPriorities(o.virtualPriorities);
        this.shadowLrs = new ListRegister[o.shadowLrs.length];
        for (int i = 0; i < shadowLrs.length; i++) {
            shadowLrs[i] = new ListRegister(o.shadowLrs[i]);
        }
        this.usedLrs = o.usedLrs;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The physical CPU the thread is assigned to ({@code vcpuI.pcpu}). */
    public int pcpu() {
        return pcpu;
    }

    public ThreadState threadState() {
        return thread;
    }

    public Mode mode() {
        if (!inKvmRun) {
            return Mode.USERSPACE;
        }
        if (thread == ThreadState.SLEEPING) {
            return Mode.BLOCKED;
        }
        if (thread == ThreadState.RUNNABLE) {
            return Mode.PREEMPTED;
        }
        if (inGuest) {
            return Mode.GUEST;
        }
        return inBlock ? Mode.BLOCKED : Mode.HOST;
    }

    public boolean inGuest() {
        return inGuest;
    }

    /** Between the guest's trap and the end of the world switch out. */
    public boolean exiting() {
        return exiting;
    }

    /** Between {@code kvm_timer_schedule} and {@code kvm_timer_unschedule}. */
    public boolean timerScheduled() {
        return timerScheduled;
    }

    public boolean inBlock() {
        return inBlock;
    }

    public boolean polling() {
        return polling;
    }

    /** {@code vcpu->halt_poll_ns}: the adaptive polling window in nanoseconds (0 when the window is fixed). */
    public long haltPollNs() {
        return haltPollNs;
    }

    /** The virtual timer's context ({@code vcpu_vtimer(vcpu)}). */
    public TimerContext vtimer() {
        return vtimer;
    }

    /** {@code vtimer->loaded}: the timer registers of the CPU hold this vCPU's timer. */
    public boolean loaded() {
        return vtimer.loaded;
    }

    public boolean bgArmed() {
        return bgTimer != null && !bgTimer.finished();
    }

    /**
     * The vCPU's background timer, armed or already fired, was set from the offset before the VMM's last set-counter,
     * which came while the vCPU was blocked (hazard H2).
     */
    public boolean bgDeadlineStale() {
        return bgDeadlineStale;
    }

    /** When the armed background timer expires, or -1. */
    public long bgDeadline() {
        return bgArmed() ? bgTimer.time() : -1;
    }

    /** The emulated EL1 physical timer's context ({@code vcpu_ptimer(vcpu)}). */
    public TimerContext ptimer() {
        return ptimer;
    }

    /** True while KVM's soft timer for the physical timer's deadline is armed ({@code vcpuI.ptimer.soft_armed}). */
    public boolean ptimerSoftArmed() {
        return ptimerSoftTimer != null && !ptimerSoftTimer.finished();
    }

    /** When the armed soft timer of the physical timer expires, or -1. */
    public long ptimerSoftDeadline() {
        return ptimerSoftArmed() ? ptimerSoftTimer.time() : -1;
    }

    /** v4.15: the last load cancelled the soft timer of an expired physical timer without raising its line (H3). */
    public boolean ptimerLostAtLoad() {
        return ptimerLostAtLoad;
    }

    public VgicIrq irq(int intid) {
        return irqs[intid];
    }

    public VirtualPriorities virtualPriorities() {
        return virtualPriorities;
    }

    public int depth() {
        return depth;
    }

    /** The kernel function the thread is in, innermost first (for the call-stack view). */
    public java.util.List<String> callStack() {
        return stack.openFunctions();
    }
}
