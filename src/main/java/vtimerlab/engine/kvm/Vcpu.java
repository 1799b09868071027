package vtimerlab.engine.kvm;

import java.util.ArrayDeque;
import java.util.Deque;

import vtimerlab.engine.core.Event;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.hardware.VirtualPriorities;

/**
 * One vCPU: its host thread (where it runs, whether it runs), where it is in KVM's code, its timer context
 * ({@code struct arch_timer_context}: the saved copy, {@code loaded}, the virtual line level, the background timer)
 * and its vGIC state.
 */
public final class Vcpu {

    /** The host thread's scheduler state. */
    public enum ThreadState { RUNNING, RUNNABLE, SLEEPING }

    /** The scenario language's {@code vcpuI.mode}. */
    public enum Mode {
        GUEST, HOST, BLOCKED, PREEMPTED, USERSPACE;

        public String pathName() {
            return name().toLowerCase(java.util.Locale.ROOT);
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
    Event pollEvent;
    boolean hostIrqsOff;
    boolean needResched;
    int migrateTo = -1;
    boolean signalPending;
    boolean reenterPending;
    final Deque<Step> vmmQueue = new ArrayDeque<>();
    final Deque<Step> stack = new ArrayDeque<>();
    int depth;

    // ---- timer context (arch_timer_context) ----
    boolean savedEnable;
    boolean savedImask;
    long savedCval;
    long cntvoff;
    boolean loaded;
    /** {@code vtimer->irq.level}: the timer's view of its virtual line. */
    boolean timerIrqLevel;
    Event bgTimer;
    /** v4.14 {@code active_cleared_last}. */
    boolean activeClearedLast;

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
    Vcpu(Vcpu o, java.util.Map<vtimerlab.engine.core.Event, vtimerlab.engine.core.Event> remap) {
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
        this.pollEvent = vtimerlab.engine.core.EventQueue.remap(o.pollEvent, remap);
        this.hostIrqsOff = o.hostIrqsOff;
        this.needResched = o.needResched;
        this.migrateTo = o.migrateTo;
        this.signalPending = o.signalPending;
        this.reenterPending = o.reenterPending;
        this.vmmQueue.addAll(o.vmmQueue);
        this.stack.addAll(o.stack);
        this.depth = o.depth;
        this.savedEnable = o.savedEnable;
        this.savedImask = o.savedImask;
        this.savedCval = o.savedCval;
        this.cntvoff = o.cntvoff;
        this.loaded = o.loaded;
        this.timerIrqLevel = o.timerIrqLevel;
        this.bgTimer = vtimerlab.engine.core.EventQueue.remap(o.bgTimer, remap);
        this.activeClearedLast = o.activeClearedLast;
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

    /** {@code vtimer->loaded}: the timer registers of the CPU hold this vCPU's timer. */
    public boolean loaded() {
        return loaded;
    }

    public boolean bgArmed() {
        return bgTimer != null && !bgTimer.finished();
    }

    /** When the armed background timer expires, or -1. */
    public long bgDeadline() {
        return bgArmed() ? bgTimer.time() : -1;
    }

    public boolean timerIrqLevel() {
        return timerIrqLevel;
    }

    public long cntvoff() {
        return cntvoff;
    }

    public boolean savedEnable() {
        return savedEnable;
    }

    public boolean savedImask() {
        return savedImask;
    }

    public long savedCval() {
        return savedCval;
    }

    /** CNTV_CTL_EL0 of the saved copy as {@code read_timer_ctl} computes it (ISTATUS from the condition). */
    public long savedCtl(long counter) {
        boolean met = GenericTimer.conditionMet(savedEnable, savedCval, counter - cntvoff);
        return (savedEnable ? GenericTimer.CTL_ENABLE : 0) | (savedImask ? GenericTimer.CTL_IMASK : 0)
                | (met ? GenericTimer.CTL_ISTATUS : 0);
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
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Step s : stack) {
            if (s.fn() == KernelFunction.LEAVE) {
                out.add(s.leaving().kernelName());
            }
        }
        return out;
    }
}
