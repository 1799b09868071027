package vtimerlab.engine.kvm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.CpuInterface;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.hardware.Redistributor;

/**
 * The host kernel and KVM, in the design the machine was built with: the host scheduler and its preempt
 * notifiers, the KVM_RUN loop and world switch, the vGIC flush and sync, the arch timer functions
 * ({@code kvm_timer_*}), blocking with halt polling, and the host's interrupt path.
 *
 * <p>Kernel code runs as steps, one engine event each, on a context: the vCPU thread's stack, or a CPU's interrupt
 * stack. A step may call functions (run before it returns, one level deeper) and may continue with further steps
 * at its own level. Every decision is taken from the state at the moment the step runs, so the two blocking flows
 * of the seed commit arise from real conditions: whether a wake-up is found before {@code schedule()}.
 */
public final class Kvm {
    static final int IDLE = -1;
    static final int OTHER = -2;
    /** Host timer interrupts at one instant on one CPU beyond which the watchdog calls it a storm. */
    public static final int STORM_LIMIT = 64;

    private final Simulation sim;
    private final Platform hw;
    private final MachineConfig config;
    private final Design design;
    private final Vcpu[] vcpus;
    private final HostCpu[] cpus;
    private final Stats stats;
    private GuestCode guest;
    private Consumer<String> violations = s -> { };
    /** Scratch for runStep. */
    private final Frame frame = new Frame();

    /** What the host runs on one physical CPU. */
    static final class HostCpu {
        final int index;
        int current = IDLE;
        /** {@code kvm_arm_running_vcpu} of this CPU. */
        int runningVcpu = -1;
        final Deque<Step> irqStack = new ArrayDeque<>();
        int irqDepth;
        Event stepEvent;
        /** Who takes the CPU when the running vCPU thread is switched out (OTHER for host preempt, a vCPU). */
        Integer preemptFor;
        long stormTime = -1;
        int stormCount;
        long exitStormTime = -1;
        int exitStormCount;
        boolean stormStopped;

        HostCpu(int index) {
            this.index = index;
        }

        HostCpu(HostCpu o, java.util.Map<Event, Event> remap) {
            this.index = o.index;
            this.current = o.current;
            this.runningVcpu = o.runningVcpu;
            this.irqStack.addAll(o.irqStack);
            this.irqDepth = o.irqDepth;
            this.stepEvent = vtimerlab.engine.core.EventQueue.remap(o.stepEvent, remap);
            this.preemptFor = o.preemptFor;
            this.stormTime = o.stormTime;
            this.stormCount = o.stormCount;
            this.exitStormTime = o.exitStormTime;
            this.exitStormCount = o.exitStormCount;
            this.stormStopped = o.stormStopped;
        }
    }

    /** A copy for a snapshot, on the copied simulation and hardware; the guest and sinks are wired again. */
    public Kvm(Kvm o, Simulation sim, Platform hw, java.util.Map<Event, Event> remap) {
        this.sim = sim;
        this.hw = hw;
        this.config = o.config;
        this.design = o.design;
        this.stats = new Stats(o.stats);
        this.vcpus = new Vcpu[o.vcpus.length];
        for (int i = 0; i < vcpus.length; i++) {
            vcpus[i] = new Vcpu(o.vcpus[i], remap);
        }
        this.cpus = new HostCpu[o.cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new HostCpu(o.cpus[i], remap);
        }
        hw.onAttention(this::attention);
    }

    public Kvm(Simulation sim, Platform hw, MachineConfig config) {
        this.stats = new Stats();
        this.sim = sim;
        this.hw = hw;
        this.config = config;
        this.design = config.design();
        this.vcpus = new Vcpu[config.vcpus()];
        this.cpus = new HostCpu[config.pcpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new HostCpu(i);
        }
        for (int i = 0; i < vcpus.length; i++) {
            vcpus[i] = new Vcpu(i, i % config.pcpus(), config.lrs());
        }
        hw.onAttention(this::attention);
    }

    public void setGuest(GuestCode guest) {
        this.guest = guest;
    }

    public void onViolation(Consumer<String> sink) {
        this.violations = sink;
    }

    /**
     * The machine as the contract describes it at time 0: vcpuI on pcpu (I mod N); the first vCPU of each CPU has
     * entered KVM_RUN and runs guest code with its timer loaded, the others wait preempted. {@code kvm_timer_hyp_init}
     * has forwarded PPI 27 on every CPU (v4.15 only) and {@code kvm_timer_enable} has mapped each vCPU's vINTID 27 to
     * the physical PPI 27 (both designs).
     */
    public void boot() {
        boolean forward = design == Design.OPTIMIZED && !config.has(Fault.NO_FORWARDING);
        for (int c = 0; c < cpus.length; c++) {
            hw.cpu(c).redistributor().setForwarded(Redistributor.VTIMER_INTID, forward);
        }
        for (Vcpu v : vcpus) {
            VgicIrq t = v.irqs[Redistributor.VTIMER_INTID];
            t.hw = true;
            t.hwintid = Redistributor.VTIMER_INTID;
            t.enabled = true;
            v.inKvmRun = true;
            // inside kvm_vcpu_ioctl(KVM_RUN) -> kvm_arch_vcpu_ioctl_run; vcpu_put and the return wait for the loop
            v.stack.push(new Step(KernelFunction.RETURN_TO_USERSPACE, 0));
            v.stack.push(Step.leave(KernelFunction.KVM_VCPU_IOCTL_RUN));
            v.stack.push(new Step(KernelFunction.VCPU_PUT, 0));
            v.stack.push(Step.leave(KernelFunction.KVM_ARCH_VCPU_IOCTL_RUN));
            v.depth = 2;
            HostCpu hc = cpus[v.pcpu];
            if (hc.current == IDLE) {
                hc.current = v.id;
                hc.runningVcpu = v.id;
                v.thread = Vcpu.ThreadState.RUNNING;
                v.inGuest = true;
                v.loaded = true;
                sim.trace(v.pcpu, "kvm", Kind.STATE, v.name() + " runs guest code on pcpu" + v.pcpu
                        + (design == Design.OPTIMIZED ? ", timer loaded" : ""), "machine set-up");
            } else {
                v.thread = Vcpu.ThreadState.RUNNABLE;
                // preempted at the top of a loop turn: inside schedule() -> context_switch, where kvm_sched_in runs
                // when it is switched in
                v.stack.push(new Step(KernelFunction.RUN_LOOP, 0));
                v.stack.push(Step.leave(KernelFunction.SCHEDULE));
                v.stack.push(Step.leave(KernelFunction.CONTEXT_SWITCH));
                v.depth = 4;
                sim.trace(v.pcpu, "kvm", Kind.STATE, v.name() + " waits preempted on pcpu" + v.pcpu,
                        "machine set-up: pcpu" + v.pcpu + " already runs vcpu" + hc.current);
            }
        }
    }

    // =============================================================================================================
    // Read access for the machine's state paths and the checker
    // =============================================================================================================

    public Vcpu vcpu(int i) {
        return vcpus[i];
    }

    public int vcpuCount() {
        return vcpus.length;
    }

    public Stats stats() {
        return stats;
    }

    public Design design() {
        return design;
    }

    /** {@code pcpuN.current}: {@code vcpuI}, {@code idle} or {@code other}. */
    public String currentOn(int cpu) {
        int c = cpus[cpu].current;
        return c == IDLE ? "idle" : c == OTHER ? "other" : "vcpu" + c;
    }

    /** The vCPU whose thread runs on {@code cpu}, or -1. */
    public int currentVcpu(int cpu) {
        return cpus[cpu].current >= 0 ? cpus[cpu].current : -1;
    }

    /** {@code kvm_arm_get_running_vcpu()} on {@code cpu}, or -1. */
    public int runningVcpu(int cpu) {
        return cpus[cpu].runningVcpu;
    }

    /** True while the host is inside an interrupt handler on {@code cpu}. */
    public boolean inHostInterrupt(int cpu) {
        return !cpus[cpu].irqStack.isEmpty();
    }

    /** The interrupt handler's call stack on {@code cpu}, innermost first. */
    public List<String> irqCallStack(int cpu) {
        List<String> out = new ArrayList<>();
        for (Step s : cpus[cpu].irqStack) {
            if (s.fn() == KernelFunction.LEAVE) {
                out.add(s.leaving().kernelName());
            }
        }
        return out;
    }

    /** {@code kvm_timer_should_fire} on the saved copy (v4.15): ENABLE, not IMASK, CVAL <= now - CNTVOFF. */
    public boolean savedCopyShouldFire(Vcpu v) {
        return v.savedEnable && !v.savedImask
                && GenericTimer.conditionMet(true, v.savedCval, sim.now() - v.cntvoff);
    }

    // =============================================================================================================
    // The CPU: one step at a time
    // =============================================================================================================

    /** Something changed that may give {@code cpu} work: make sure it takes a step now. */
    void attention(int cpu) {
        HostCpu hc = cpus[cpu];
        if ((hc.stepEvent == null || hc.stepEvent.finished()) && hasWork(cpu)) {
            hc.stepEvent = sim.scheduleNow(KvmEvent.CPU_STEP, cpu, -1, 0);
        }
    }

    /** A command gave the guest or the host on {@code cpu} something to do. */
    public void nudge(int cpu) {
        attention(cpu);
    }

    private Vcpu currentThread(int cpu) {
        int c = cpus[cpu].current;
        return c >= 0 ? vcpus[c] : null;
    }

    private boolean hostIrqsOn(int cpu) {
        Vcpu v = currentThread(cpu);
        return v == null || (!v.inGuest && !v.hostIrqsOff);
    }

    private boolean physicalIrqSignalled(int cpu) {
        return hw.cpu(cpu).signalledInterrupt() != CpuInterface.SPURIOUS;
    }

    private boolean hasWork(int cpu) {
        HostCpu hc = cpus[cpu];
        if (!hc.irqStack.isEmpty()) {
            return true;
        }
        Vcpu v = currentThread(cpu);
        if (v != null && v.inGuest) {
            return physicalIrqSignalled(cpu) || (guest != null && guest.wantsToRun(v));
        }
        if (hostIrqsOn(cpu) && physicalIrqSignalled(cpu)) {
            return true;
        }
        if (v != null && v.thread == Vcpu.ThreadState.RUNNING && !v.polling) {
            return !v.stack.isEmpty() || (!v.inKvmRun && !v.vmmQueue.isEmpty());
        }
        return false;
    }

    /** The CPU_STEP event: run exactly one step on {@code cpu}. */
    public void cpuStep(int cpu) {
        HostCpu hc = cpus[cpu];
        hc.stepEvent = null;
        if (!hc.irqStack.isEmpty()) {
            runStep(cpu, null);
        } else {
            Vcpu v = currentThread(cpu);
            if (v != null && v.inGuest) {
                if (physicalIrqSignalled(cpu)) {
                    exitFromGuest(v, ExitReason.IRQ, 0);
                } else if (guest != null && guest.wantsToRun(v)) {
                    guest.runNext(v);
                }
            } else if (hostIrqsOn(cpu) && physicalIrqSignalled(cpu)) {
                hc.irqStack.push(new Step(KernelFunction.GIC_HANDLE_IRQ, 0));
                runStep(cpu, null);
            } else if (v != null && v.thread == Vcpu.ThreadState.RUNNING && !v.polling) {
                if (v.stack.isEmpty() && !v.inKvmRun && !v.vmmQueue.isEmpty()) {
                    while (!v.vmmQueue.isEmpty()) {
                        v.stack.push(v.vmmQueue.pollLast());
                    }
                }
                if (!v.stack.isEmpty()) {
                    runStep(cpu, v);
                }
            }
        }
        attention(cpu);
    }

    // ---- the step machinery -------------------------------------------------------------------------------------

    /**
     * What a running step asks for: functions to call (deeper) and steps to continue with (same level). A step may
     * also enter one function at once, in the same engine event ({@link #enter}): it runs one level deeper before
     * the other calls. That keeps the kernel's nesting where the model has nothing to do between two entries (the
     * engine's events are the model's steps, not the kernel's calls).
     */
    private static final class Frame {
        final List<Step> calls = new ArrayList<>();
        final List<Step> thens = new ArrayList<>();
        Step enter;

        /** Ready for the next step (one frame serves every step: steps never run inside one another). */
        Frame reset() {
            calls.clear();
            thens.clear();
            enter = null;
            return this;
        }

        void enter(KernelFunction fn, long arg) {
            enter = new Step(fn, arg);
        }

        void call(KernelFunction fn) {
            calls.add(new Step(fn, 0));
        }

        void call(KernelFunction fn, long arg) {
            calls.add(new Step(fn, arg));
        }

        void then(KernelFunction fn) {
            thens.add(new Step(fn, 0));
        }

        void then(KernelFunction fn, long arg) {
            thens.add(new Step(fn, arg));
        }
    }

    private void runStep(int cpu, Vcpu thread) {
        Deque<Step> stack = thread != null ? thread.stack : cpus[cpu].irqStack;
        popLeaves(cpu, thread);
        if (stack.isEmpty()) {
            return;
        }
        Step s = stack.pop();
        String actor = thread != null ? "kvm" : "host";
        while (s != null) {
            int depth = thread != null ? thread.depth : cpus[cpu].irqDepth;
            if (sim.tracing()) { // the texts are built only for the trace
                sim.trace(cpu, actor, Kind.ENTER, s.fn().kernelName() + describeArg(s), who(thread), depth);
            }
            Frame f = frame.reset();
            execute(cpu, thread, s, f);
            for (int i = f.thens.size() - 1; i >= 0; i--) {
                stack.push(f.thens.get(i));
            }
            if (!f.calls.isEmpty() || f.enter != null) {
                stack.push(Step.leave(s.fn()));
                for (int i = f.calls.size() - 1; i >= 0; i--) {
                    stack.push(f.calls.get(i));
                }
                if (thread != null) {
                    thread.depth++;
                } else {
                    cpus[cpu].irqDepth++;
                }
            }
            s = f.enter; // entered at once, one level deeper, before the other calls
        }
        popLeaves(cpu, thread);
    }

    /** Returns from finished functions at once, while the context is still running kernel code. */
    private void popLeaves(int cpu, Vcpu thread) {
        Deque<Step> stack = thread != null ? thread.stack : cpus[cpu].irqStack;
        while (!stack.isEmpty() && stack.peek().fn() == KernelFunction.LEAVE) {
            if (thread != null && (thread.inGuest || thread.polling || thread.thread != Vcpu.ThreadState.RUNNING)) {
                return; // suspended inside the function: it has not returned
            }
            Step l = stack.pop();
            int depth;
            if (thread != null) {
                depth = --thread.depth;
            } else {
                depth = --cpus[cpu].irqDepth;
            }
            if (sim.tracing()) {
                sim.trace(cpu, thread != null ? "kvm" : "host", Kind.LEAVE, l.leaving().kernelName(), who(thread),
                        depth);
            }
            onReturn(cpu, thread, l.leaving());
        }
    }

    private String who(Vcpu thread) {
        return thread != null ? thread.name() + " thread" : "interrupt";
    }

    private String describeArg(Step s) {
        return switch (s.fn()) {
            case HANDLE_EXIT, WORLD_SWITCH_EXIT -> " (" + ExitReason.values()[(int) (s.arg() & 0xff)].description()
                    + ")";
            case SCHEDULE, CONTEXT_SWITCH, SWITCH_TO -> " (" + SwitchReason.values()[(int) s.arg()].words + ")";
            case SET_CNTVOFF -> "(" + s.arg() + ")";
            case KVM_ARM_TIMER_SET_REG -> "(KVM_REG_ARM_TIMER_CNT = " + s.arg() + ")";
            default -> "";
        };
    }

    private enum SwitchReason {
        SLEEP("the thread sleeps"), PREEMPT("the thread is preempted");

        final String words;

        SwitchReason(String words) {
            this.words = words;
        }
    }

    private void onReturn(int cpu, Vcpu v, KernelFunction fn) {
        if (fn == KernelFunction.KVM_VCPU_BLOCK && v != null) {
            v.inBlock = false;
        }
        if (fn == KernelFunction.KVM_TIMER_UNSCHEDULE && v != null) {
            v.timerScheduled = false;
        }
    }

    // =============================================================================================================
    // The kernel functions
    // =============================================================================================================

    private void execute(int cpu, Vcpu v, Step s, Frame f) {
        boolean optimized = design == Design.OPTIMIZED;
        switch (s.fn()) {
            case KVM_VCPU_IOCTL_RUN -> {
                // kvm_main.c kvm_vcpu_ioctl (v4.14/v4.15): vcpu_load, the arch ioctl, vcpu_put; then back to the VMM
                f.call(KernelFunction.VCPU_LOAD);
                f.call(KernelFunction.KVM_ARCH_VCPU_IOCTL_RUN);
                f.call(KernelFunction.VCPU_PUT);
                f.then(KernelFunction.RETURN_TO_USERSPACE);
            }
            case KVM_ARCH_VCPU_IOCTL_RUN -> f.enter(KernelFunction.RUN_LOOP, 0); // the first turn starts at once
            case VCPU_LOAD -> {
                v.inKvmRun = true;
                f.call(KernelFunction.KVM_ARCH_VCPU_LOAD);
            }
            case KVM_ARCH_VCPU_LOAD -> {
                cpus[cpu].runningVcpu = v.id;
                if (sim.tracing()) {
                    note(cpu, "kvm_arm_set_running_vcpu(" + v.name() + ")", "the timer handler on pcpu" + cpu
                            + " now serves " + v.name());
                }
                if (optimized) {
                    f.call(KernelFunction.KVM_TIMER_VCPU_LOAD);
                }
            }
            case KVM_TIMER_VCPU_LOAD -> {
                if (!config.has(Fault.NO_ACTIVE_STATE_ON_LOAD)) {
                    f.call(KernelFunction.TIMER_SET_ACTIVE_STATE);
                }
                if (!config.has(Fault.NO_CNTVOFF_ON_LOAD)) {
                    f.call(KernelFunction.SET_CNTVOFF, v.cntvoff);
                }
                if (!config.has(Fault.NO_RESTORE_ON_LOAD)) {
                    f.call(KernelFunction.VTIMER_RESTORE_STATE);
                }
            }
            case TIMER_SET_ACTIVE_STATE -> {
                boolean active = v.timerIrqLevel || v.irqs[Redistributor.VTIMER_INTID].active;
                writeActiveState(cpu, active, "kvm_timer_vcpu_load: active := irq.level (" + bit(v.timerIrqLevel)
                        + ") || kvm_vgic_map_is_active (" + bit(v.irqs[Redistributor.VTIMER_INTID].active) + ")");
            }
            case SET_CNTVOFF -> {
                timerWrite(cpu, "CNTVOFF_EL2", s.arg(), "set_cntvoff (a hyp call on a non-VHE host)");
                stats.cycles += CostModel.SET_CNTVOFF_HYP_CALL.cycles() - CostModel.TIMER_SYSREG.cycles();
            }
            case VTIMER_RESTORE_STATE -> vtimerRestoreState(cpu, v);
            case VCPU_PUT -> {
                v.inKvmRun = false;
                f.call(KernelFunction.KVM_ARCH_VCPU_PUT);
            }
            case KVM_ARCH_VCPU_PUT -> {
                if (optimized) {
                    f.call(KernelFunction.KVM_TIMER_VCPU_PUT);
                } else {
                    v.activeClearedLast = false;
                    note(cpu, "kvm_timer_vcpu_put: active_cleared_last := 0", "v4.14 only forgets its cache");
                }
                f.call(KernelFunction.CLEAR_RUNNING_VCPU);
            }
            case KVM_TIMER_VCPU_PUT -> {
                f.call(KernelFunction.VTIMER_SAVE_STATE);
                f.call(KernelFunction.SET_CNTVOFF, 0);
            }
            case VTIMER_SAVE_STATE -> vtimerSaveState(cpu, v);
            case CLEAR_RUNNING_VCPU -> {
                cpus[cpu].runningVcpu = -1;
                if (sim.tracing()) {
                    note(cpu, "kvm_arm_set_running_vcpu(NULL)", "no vCPU is loaded on pcpu" + cpu);
                }
            }
            case RUN_LOOP -> runLoop(cpu, v, f);
            case KVM_TIMER_FLUSH_HWSTATE -> legacyTimerFlush(cpu, v);
            case LOCAL_IRQ_DISABLE -> v.hostIrqsOff = true;
            case KVM_VGIC_FLUSH_HWSTATE -> vgicFlush(cpu, v);
            case WORLD_SWITCH_ENTER -> worldSwitchEnter(cpu, v);
            case WORLD_SWITCH_EXIT -> worldSwitchExit(cpu, v, s);
            case KVM_VGIC_SYNC_HWSTATE -> vgicSync(cpu, v);
            case KVM_TIMER_SYNC_HWSTATE -> timerSync(cpu, v);
            case LOCAL_IRQ_ENABLE -> v.hostIrqsOff = false;
            case HANDLE_EXIT -> handleExit(cpu, v, s, f);
            case KVM_HANDLE_WFX -> f.call(KernelFunction.KVM_VCPU_BLOCK);
            case KVM_VGIC_MMIO_WRITE_ENABLE -> vgicMmioEnable(cpu, v, s);
            case KVM_VCPU_BLOCK -> {
                v.inBlock = true;
                // v4.15 kvm_main.c order: polling first, then the blocking hook; a successful poll jumps to
                // "out:", past kvm_arch_vcpu_blocking and kvm_arch_vcpu_unblocking
                f.call(KernelFunction.HALT_POLL);
                f.call(KernelFunction.KVM_ARCH_VCPU_BLOCKING);
                f.call(KernelFunction.BLOCK_WAIT);
                f.call(KernelFunction.KVM_ARCH_VCPU_UNBLOCKING);
            }
            case KVM_ARCH_VCPU_BLOCKING -> f.call(KernelFunction.KVM_TIMER_SCHEDULE);
            case KVM_TIMER_SCHEDULE -> {
                if (optimized && !config.has(Fault.NO_SAVE_IN_SCHEDULE)) {
                    f.call(KernelFunction.VTIMER_SAVE_STATE);
                }
                f.call(KernelFunction.SOFT_TIMER_START);
            }
            case SOFT_TIMER_START -> softTimerStart(cpu, v);
            case HALT_POLL -> haltPoll(cpu, v, f);
            case HALT_POLL_CHECK -> haltPollCheck(cpu, v, f);
            case BLOCK_WAIT -> blockWait(cpu, v, f);
            case SCHEDULE -> {
                v.hostIrqsOff = true;
                f.enter(KernelFunction.CONTEXT_SWITCH, s.arg()); // schedule -> __schedule -> context_switch
            }
            case CONTEXT_SWITCH -> {
                // core.c context_switch: prepare_task_switch fires the sched-out notifiers before switch_to;
                // finish_task_switch fires the sched-in ones when this thread runs again (switchTo pushes them)
                if (v.inKvmRun) {
                    f.call(KernelFunction.KVM_SCHED_OUT);
                }
                f.call(KernelFunction.SWITCH_TO, s.arg());
            }
            case KVM_SCHED_OUT -> f.call(KernelFunction.KVM_ARCH_VCPU_PUT);
            case SWITCH_TO -> contextSwitchOut(cpu, v, SwitchReason.values()[(int) s.arg()]);
            case KVM_SCHED_IN -> f.call(KernelFunction.KVM_ARCH_VCPU_LOAD);
            case KVM_ARCH_VCPU_UNBLOCKING -> f.call(KernelFunction.KVM_TIMER_UNSCHEDULE);
            case KVM_TIMER_UNSCHEDULE -> {
                if (optimized && !config.has(Fault.NO_RESTORE_IN_UNSCHEDULE)) {
                    f.call(KernelFunction.VTIMER_RESTORE_STATE);
                }
                if (!config.has(Fault.NO_BG_CANCEL)) {
                    f.call(KernelFunction.SOFT_TIMER_CANCEL);
                }
                if (f.calls.isEmpty()) {
                    v.timerScheduled = false; // nothing to return from: the unschedule is over
                }
            }
            case SOFT_TIMER_CANCEL -> {
                if (v.bgArmed()) {
                    sim.cancel(v.bgTimer);
                    note(cpu, "background timer cancelled: bg_armed := 0", "kvm_timer_unschedule");
                } else {
                    note(cpu, "background timer not armed: nothing to cancel", "kvm_timer_unschedule");
                }
                v.bgTimer = null;
            }
            case RETURN_TO_USERSPACE -> {
                v.signalPending = false;
                v.hostIrqsOff = false;
                if (v.vmmQueue.isEmpty()) {
                    v.reenterPending = true;
                }
                sim.trace(cpu, "vmm", Kind.STATE, v.name() + " is in userspace (KVM_RUN returned)",
                        v.reenterPending ? "KVM_RUN is entered again at the next advance or step" : "the VMM acts");
            }
            case KVM_SET_ONE_REG -> {
                f.call(KernelFunction.VCPU_LOAD); // v4.15 kvm_vcpu_ioctl brackets every vCPU ioctl
                f.call(KernelFunction.KVM_ARM_TIMER_SET_REG, s.arg());
                f.call(KernelFunction.VCPU_PUT);
            }
            case KVM_ARM_TIMER_SET_REG -> setCounter(cpu, v, s.arg());
            case GIC_HANDLE_IRQ -> gicHandleIrq(cpu, f);
            case GIC_WRITE_EOIR -> {
                int intid = (int) s.arg();
                gicAccess(cpu, sim.tracing() ? "host ICC_EOIR1_EL1 := " + intid : "");
                boolean deactivated = hw.hostEndOfInterrupt(cpu, intid);
                if (sim.tracing()) {
                    sim.trace(cpu, "gic", Kind.GIC, "priority drop: running priority 0x"
                            + Integer.toHexString(hw.cpu(cpu).cpuInterface().runningPriority())
                            + (deactivated ? "; EOImode 0 also deactivates: PPI " + intid + " "
                            + hw.cpu(cpu).redistributor().irq(intid).state().pathName()
                            : "; EOImode 1: PPI " + intid + " stays " + hw.cpu(cpu).redistributor().irq(intid).state()
                            .pathName()), "GICv3 4.1.1, ICC_CTLR_EL1.EOImode");
                }
            }
            case KVM_ARCH_TIMER_HANDLER -> archTimerHandler(cpu);
            case GIC_EOIMODE1_EOI_IRQ -> {
                int intid = (int) s.arg();
                PhysicalCpu pc = hw.cpu(cpu);
                if (!pc.cpuInterface().eoiMode1()) {
                    note(cpu, "EOImode 0: the EOI already deactivated", "irq-gic-v3.c gic_eoi_irq");
                } else if (pc.redistributor().irq(intid).forwarded()) {
                    if (sim.tracing()) {
                        note(cpu, "PPI " + intid + " is forwarded to a vCPU: no DIR, it stays "
                                + pc.redistributor().irq(intid).state().pathName(),
                                "irq-gic-v3.c gic_eoimode1_eoi_irq");
                    }
                } else {
                    gicAccess(cpu, sim.tracing() ? "host ICC_DIR_EL1 := " + intid : "");
                    hw.hostDeactivate(cpu, intid);
                    if (sim.tracing()) {
                        sim.trace(cpu, "gic", Kind.GIC, "PPI " + intid + " deactivated: "
                                + pc.redistributor().irq(intid).state().pathName(), "ICC_DIR_EL1 (not forwarded)");
                    }
                }
            }
            case LEAVE -> { }
            default -> throw new IllegalStateException("no body for " + s.fn());
        }
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private void note(int cpu, String what, String why) {
        sim.trace(cpu, "kvm", Kind.STATE, what, why);
    }

    // ---- counted hardware accesses ------------------------------------------------------------------------------

    private long timerRead(int cpu, String register, String why) {
        long value = hw.readTimer(cpu, register);
        stats.timerSysregReads++;
        stats.cycles += CostModel.TIMER_SYSREG.cycles();
        if (sim.tracing()) {
            sim.trace(cpu, "kvm", Kind.REGISTER_READ, register + " -> 0x" + Long.toHexString(value), why);
        }
        return value;
    }

    private void timerWrite(int cpu, String register, long value, String why) {
        stats.timerSysregWrites++;
        stats.cycles += CostModel.TIMER_SYSREG.cycles();
        if (sim.tracing()) {
            sim.trace(cpu, "kvm", Kind.REGISTER_WRITE, register + " := 0x" + Long.toHexString(value), why);
        }
        hw.writeTimer(cpu, register, value);
    }

    private void gicAccess(int cpu, String what) {
        stats.gicAccesses++;
        stats.cycles += CostModel.GIC_SYSREG.cycles();
        sim.trace(cpu, "host", Kind.GIC, what, "counted GIC access");
    }

    private void writeActiveState(int cpu, boolean active, String why) {
        stats.gicAccesses++;
        stats.cycles += CostModel.GIC_REDISTRIBUTOR_MMIO.cycles();
        hw.setActive(cpu, Redistributor.VTIMER_INTID, active);
        if (sim.tracing()) {
            sim.trace(cpu, "kvm", Kind.GIC, (active ? "GICR_ISACTIVER0" : "GICR_ICACTIVER0") + ": PPI 27 "
                    + hw.cpu(cpu).vtimerIrq().state().pathName(), why);
        }
    }

    // ---- the timer context (arch_timer.c) ---------------------------------------------------------------------

    /** {@code vtimer_save_state}: idempotent through {@code loaded}. */
    private void vtimerSaveState(int cpu, Vcpu v) {
        if (!v.loaded && !config.has(Fault.NO_LOADED_CHECK)) {
            note(cpu, "loaded = 0: nothing to save", "vtimer_save_state tests the loaded flag");
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "vtimer_save_state: save CTL");
        long cval = timerRead(cpu, "CNTV_CVAL_EL0", "vtimer_save_state: save CVAL");
        v.savedEnable = (ctl & GenericTimer.CTL_ENABLE) != 0;
        v.savedImask = (ctl & GenericTimer.CTL_IMASK) != 0;
        v.savedCval = cval;
        timerWrite(cpu, "CNTV_CTL_EL0", 0, "vtimer_save_state: timer off so it cannot fire for the next thread");
        v.loaded = false;
        note(cpu, v.name() + " timer saved: loaded := 0", "the saved copy is now the truth");
    }

    /** {@code vtimer_restore_state}: idempotent through {@code loaded}. */
    private void vtimerRestoreState(int cpu, Vcpu v) {
        if (v.loaded && !config.has(Fault.NO_LOADED_CHECK)) {
            note(cpu, "loaded = 1: nothing to restore", "vtimer_restore_state tests the loaded flag");
            return;
        }
        timerWrite(cpu, "CNTV_CVAL_EL0", v.savedCval, "vtimer_restore_state: CVAL from the saved copy");
        long ctl = (v.savedEnable ? GenericTimer.CTL_ENABLE : 0) | (v.savedImask ? GenericTimer.CTL_IMASK : 0);
        timerWrite(cpu, "CNTV_CTL_EL0", ctl, "vtimer_restore_state: CTL from the saved copy");
        v.loaded = true;
        note(cpu, v.name() + " timer restored: loaded := 1", "the hardware is now the truth");
    }

    /** {@code kvm_timer_update_irq}: the timer's line level into the vGIC. */
    private void timerUpdateIrq(int cpu, Vcpu v, boolean level, String why) {
        v.timerIrqLevel = level;
        v.activeClearedLast = false;
        note(cpu, "kvm_timer_update_irq: " + v.name() + " virtual timer line := " + bit(level), why);
        vgicInjectIrq(cpu, v, Redistributor.VTIMER_INTID, level);
        if (level && v.polling) {
            endPolling(v); // the busy poll loop sees kvm_timer_is_pending (the line) at its next check
        }
    }

    /** {@code kvm_timer_update_state}: level := should_fire (saved copy) when it changed. */
    private void timerUpdateState(int cpu, Vcpu v) {
        boolean fire = savedCopyShouldFire(v);
        if (fire != v.timerIrqLevel) {
            timerUpdateIrq(cpu, v, fire, "kvm_timer_update_state: the saved timer " + (fire ? "fires" : "no longer "
                    + "fires"));
        }
    }

    private void legacyTimerFlush(int cpu, Vcpu v) {
        timerUpdateState(cpu, v);
        if (config.has(Fault.LEGACY_NO_ACTIVE_WRITE)) {
            note(cpu, "fault legacy-no-active-write: PPI 27 active state not written", "fault lab");
            return;
        }
        boolean active = v.timerIrqLevel || v.irqs[Redistributor.VTIMER_INTID].active;
        if (v.activeClearedLast && !active) {
            note(cpu, "PPI 27 active state already clear: no write", "kvm_timer_flush_hwstate_vgic: "
                    + "active_cleared_last");
            return;
        }
        writeActiveState(cpu, active, "kvm_timer_flush_hwstate_vgic: active := irq.level || map_is_active");
        v.activeClearedLast = !active;
    }

    private void timerSync(int cpu, Vcpu v) {
        if (design == Design.LEGACY) {
            timerUpdateState(cpu, v);
            return;
        }
        if (!v.timerIrqLevel) {
            note(cpu, "virtual timer line is low: nothing to do", "kvm_timer_sync_hwstate (v4.15)");
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "kvm_timer_sync_hwstate: the line is high, does the timer still "
                + "fire?");
        long cval = timerRead(cpu, "CNTV_CVAL_EL0", "kvm_timer_sync_hwstate");
        v.savedEnable = (ctl & GenericTimer.CTL_ENABLE) != 0;
        v.savedImask = (ctl & GenericTimer.CTL_IMASK) != 0;
        v.savedCval = cval;
        if (savedCopyShouldFire(v)) {
            note(cpu, "timer still fires: line stays high", "kvm_timer_sync_hwstate");
            return;
        }
        if (config.has(Fault.NO_LEVEL_LOWERING)) {
            note(cpu, "fault no-level-lowering: the line is left high", "fault lab");
            return;
        }
        timerUpdateIrq(cpu, v, false, "kvm_timer_sync_hwstate: the guest masked, disabled or moved its timer");
        if (!v.irqs[Redistributor.VTIMER_INTID].active) {
            writeActiveState(cpu, false, "kvm_timer_sync_hwstate: vINTID 27 not active, clear PPI 27's active state");
        }
    }

    private void softTimerStart(int cpu, Vcpu v) {
        v.timerScheduled = true;
        armBackgroundTimer(cpu, v);
    }

    private void armBackgroundTimer(int cpu, Vcpu v) {
        if (savedCopyShouldFire(v)) {
            note(cpu, "the timer has already expired: no background timer", "kvm_timer_schedule: it is pending now");
            return;
        }
        if (!v.savedEnable || v.savedImask) {
            note(cpu, "the timer cannot fire (" + (!v.savedEnable ? "disabled" : "masked") + "): no background "
                    + "timer", "kvm_timer_schedule");
            return;
        }
        long vnow = sim.now() - v.cntvoff;
        long ticks = v.savedCval - vnow;
        long when = sim.now() + ticks;
        if (when < sim.now()) {
            note(cpu, "deadline beyond the end of the counter: no background timer", "kvm_timer_schedule");
            return;
        }
        sim.cancel(v.bgTimer);
        v.bgTimer = sim.schedule(when, KvmEvent.BG_TIMER_EXPIRE, cpu, v.id, 0);
        note(cpu, "background timer armed for t=" + when + " (CVAL " + v.savedCval + "): bg_armed := 1",
                "kvm_timer_schedule: from the saved copy");
    }

    /** {@code kvm_bg_timer_expire}: the hrtimer fired. */
    public void bgTimerExpire(int cpu, int vcpu) {
        Vcpu v = vcpus[vcpu];
        v.bgTimer = null;
        if (v.savedEnable && !v.savedImask && !savedCopyShouldFire(v)) {
            armBackgroundTimer(cpu, v); // the deadline moved later (hrtimer_forward_now)
            return;
        }
        sim.trace(cpu, "host", Kind.STATE, "kvm_bg_timer_expire: queue kvm_timer_inject_irq_work for " + v.name(),
                "the blocked vCPU's deadline has come; the work item wakes it (it does not inject)");
        sim.scheduleNow(KvmEvent.BG_TIMER_WORK, cpu, vcpu, 0);
    }

    /** {@code kvm_timer_inject_irq_work}: wakes the vCPU. */
    public void bgTimerWork(int cpu, int vcpu) {
        kvmVcpuWakeUp(vcpus[vcpu], "kvm_timer_inject_irq_work");
    }

    private void archTimerHandler(int cpu) {
        int running = cpus[cpu].runningVcpu;
        if (design == Design.LEGACY) {
            sim.trace(cpu, "host", Kind.WARNING, "kvm_arch_timer_handler: unexpected interrupt",
                    "v4.14: the world switch disables the timer before host interrupts are on");
            return;
        }
        if (running < 0) {
            note(cpu, "no vCPU loaded on pcpu" + cpu + ": return; PPI 27 stays active (forwarded, no DIR)",
                    "kvm_arch_timer_handler");
            return;
        }
        Vcpu v = vcpus[running];
        if (v.timerIrqLevel) {
            note(cpu, v.name() + "'s virtual line is already high: nothing to do", "kvm_arch_timer_handler");
            return;
        }
        long ctl = timerRead(cpu, "CNTV_CTL_EL0", "kvm_arch_timer_handler: does the live timer fire? (fix "
                + "36e5cfd410ad)");
        boolean fires = (ctl & GenericTimer.CTL_ENABLE) != 0 && (ctl & GenericTimer.CTL_ISTATUS) != 0
                && (ctl & GenericTimer.CTL_IMASK) == 0;
        if (fires) {
            timerUpdateIrq(cpu, v, true, "kvm_arch_timer_handler: the timer fired");
        } else {
            note(cpu, "the live timer does not fire (it was saved or masked): nothing to inject",
                    "kvm_arch_timer_handler");
        }
    }

    private void setCounter(int cpu, Vcpu caller, long value) {
        long off = sim.now() - value;
        for (Vcpu v : vcpus) {
            v.cntvoff = off;
        }
        sim.trace(cpu, "vmm", Kind.STATE, "KVM_REG_ARM_TIMER_CNT := " + value + ": every vCPU's cntvoff := " + off,
                "update_vtimer_cntvoff: the offset is VM-wide; loaded CPUs take it at their next load");
        timerUpdateState(cpu, caller);
    }

    // ---- the vGIC (vgic.c, vgic-v3.c) -----------------------------------------------------------------------

    private void vgicInjectIrq(int cpu, Vcpu v, int intid, boolean level) {
        VgicIrq irq = v.irqs[intid];
        irq.lineLevel = level;
        if (irq.pending() && irq.enabled) {
            if (!irq.queued) {
                irq.queued = true;
                note(cpu, "kvm_vgic_inject_irq: vINTID " + intid + " queued on " + v.name() + "'s ap_list; kick",
                        "pending and enabled");
            } else {
                note(cpu, "kvm_vgic_inject_irq: vINTID " + intid + " already on " + v.name() + "'s ap_list; kick",
                        "vgic_queue_irq_unlock kicks anyway: the vCPU may not see it until it exits");
            }
            kvmVcpuKick(v);
        }
    }

    /** {@code kvm_vcpu_kick}: wake a blocked vCPU; make a running one exit. */
    private void kvmVcpuKick(Vcpu v) {
        if (v.inGuest) {
            exitFromGuest(v, ExitReason.KICK, 0);
        } else if (v.polling || v.thread == Vcpu.ThreadState.SLEEPING) {
            kvmVcpuWakeUp(v, "kvm_vcpu_kick");
        }
    }

    private void kvmVcpuWakeUp(Vcpu v, String why) {
        if (v.polling) {
            endPolling(v);
            sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is polling, it sees the "
                    + "wake-up now", why);
            return;
        }
        if (v.thread != Vcpu.ThreadState.SLEEPING) {
            sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is not asleep: nothing to do",
                    why);
            return;
        }
        v.thread = Vcpu.ThreadState.RUNNABLE;
        sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is runnable", why);
        if (cpus[v.pcpu].current == IDLE) {
            switchTo(v.pcpu, v.id);
        } else {
            sim.trace(v.pcpu, "host", Kind.STATE, v.name() + " waits: pcpu" + v.pcpu + " runs "
                    + currentOn(v.pcpu), "the host scheduler (resume it with 'host resume " + v.name() + "')");
        }
    }

    /** kvm_vgic_vcpu_pending_irq: an enabled interrupt is pending for this vCPU. */
    private boolean vgicPendingIrq(Vcpu v) {
        for (VgicIrq irq : v.irqs) {
            if (irq.queued && irq.enabled && irq.pending()) {
                return true;
            }
        }
        return false;
    }

    private void vgicFlush(int cpu, Vcpu v) {
        List<VgicIrq> list = new ArrayList<>();
        for (VgicIrq irq : v.irqs) {
            // vgic_target_oracle: an active interrupt stays; a pending one needs to be enabled
            if (irq.queued && (irq.active || (irq.pending() && irq.enabled))) {
                list.add(irq);
            }
        }
        list.sort((a, b) -> a.priority != b.priority ? Integer.compare(a.priority, b.priority)
                : Integer.compare(a.intid, b.intid));
        v.usedLrs = Math.min(list.size(), v.shadowLrs.length);
        for (int i = 0; i < v.shadowLrs.length; i++) {
            if (i < v.usedLrs) {
                VgicIrq irq = list.get(i);
                boolean hwBit = irq.hw && !config.has(Fault.NO_HW_BIT);
                boolean pending = irq.pending() && !(hwBit && irq.active); // vgic_v3_populate_lr: never both on HW
                v.shadowLrs[i].write(ListRegister.State.of(pending, irq.active), hwBit, irq.intid, irq.hwintid,
                        irq.priority);
                if (sim.tracing()) {
                    note(cpu, "LR" + i + " <- " + v.shadowLrs[i], "vgic_v3_populate_lr" + (hwBit
                            ? ": mapped interrupt, HW=1 pINTID " + irq.hwintid : ""));
                }
            } else {
                v.shadowLrs[i].clear();
            }
        }
        if (list.isEmpty()) {
            note(cpu, "ap_list empty: no LR to write", "kvm_vgic_flush_hwstate");
        } else if (list.size() > v.shadowLrs.length) {
            note(cpu, "more interrupts than LRs: underflow requested", "vgic_flush_lr_state");
        }
    }

    private void vgicSync(int cpu, Vcpu v) {
        for (int i = 0; i < v.usedLrs; i++) {
            ListRegister lr = v.shadowLrs[i];
            VgicIrq irq = v.irqs[lr.vintid()];
            irq.active = lr.state().active();
            if (!lr.state().pending()) {
                irq.pendingLatch = false;
            }
            if (sim.tracing()) {
                note(cpu, "fold LR" + i + " (" + lr.state().pathName() + ") into vINTID " + lr.vintid() + ": "
                        + irq.state().pathName(), "vgic_v3_fold_lr_state (line_level untouched)");
            }
            lr.clear();
        }
        v.usedLrs = 0;
        for (VgicIrq irq : v.irqs) {
            if (irq.queued && !irq.pending() && !irq.active) {
                irq.queued = false;
                note(cpu, "vINTID " + irq.intid + " neither pending nor active: off the ap_list", "vgic_prune_ap_list");
            }
        }
    }

    private void vgicMmioEnable(int cpu, Vcpu v, Step s) {
        int intid = (int) (s.arg() & 0xff);
        boolean enable = ((s.arg() >> 8) & 1) != 0;
        VgicIrq irq = v.irqs[intid];
        irq.enabled = enable;
        note(cpu, v.name() + " vINTID " + intid + (enable ? " enabled" : " disabled"), "vgic_mmio_write_"
                + (enable ? "senable" : "cenable"));
        if (enable && irq.pending() && !irq.queued) {
            irq.queued = true;
            note(cpu, "vINTID " + intid + " is pending: queued", "vgic_queue_irq_unlock");
        }
    }

    // ---- the run loop ------------------------------------------------------------------------------------------

    private void runLoop(int cpu, Vcpu v, Frame f) {
        if (v.needResched) {
            note(cpu, "need_resched: cond_resched()", "the host scheduler wants the CPU");
            f.then(KernelFunction.SCHEDULE, SwitchReason.PREEMPT.ordinal()); // called by the loop itself
            f.then(KernelFunction.RUN_LOOP);
            return;
        }
        if (v.signalPending) {
            // the loop ends: kvm_arch_vcpu_ioctl_run returns, kvm_vcpu_ioctl puts the vCPU and returns
            note(cpu, "signal pending: KVM_RUN returns -EINTR (KVM_EXIT_INTR)", "the VMM wants the vCPU thread");
            return;
        }
        if (design == Design.LEGACY) {
            f.then(KernelFunction.KVM_TIMER_FLUSH_HWSTATE);
        }
        f.then(KernelFunction.LOCAL_IRQ_DISABLE);
        f.then(KernelFunction.KVM_VGIC_FLUSH_HWSTATE);
        f.then(KernelFunction.WORLD_SWITCH_ENTER);
    }

    private void worldSwitchEnter(int cpu, Vcpu v) {
        stats.worldSwitches++;
        stats.cycles += CostModel.WORLD_SWITCH.cycles();
        if (design == Design.LEGACY) {
            timerWrite(cpu, "CNTVOFF_EL2", v.cntvoff, "__timer_restore_state (v4.14, every entry)");
            timerWrite(cpu, "CNTV_CVAL_EL0", v.savedCval, "__timer_restore_state");
            long ctl = (v.savedEnable ? GenericTimer.CTL_ENABLE : 0) | (v.savedImask ? GenericTimer.CTL_IMASK : 0);
            timerWrite(cpu, "CNTV_CTL_EL0", ctl, "__timer_restore_state");
            v.loaded = true;
        }
        PhysicalCpu pc = hw.cpu(cpu);
        for (int i = 0; i < v.shadowLrs.length; i++) {
            ListRegister src = v.shadowLrs[i];
            if (i < v.usedLrs) {
                pc.virtualInterface().lr(i).write(src.state(), src.hw(), src.vintid(), src.pintid(), src.priority());
                stats.gicAccesses++;
                stats.cycles += CostModel.GIC_SYSREG.cycles();
                if (sim.tracing()) {
                    sim.trace(cpu, "kvm", Kind.LIST_REGISTER, "ICH_LR" + i + "_EL2 := " + pc.virtualInterface().lr(i),
                            "__vgic_v3_restore_state");
                }
            } else {
                pc.virtualInterface().lr(i).clear();
            }
        }
        v.inGuest = true;
        v.hostIrqsOff = true;
        if (sim.tracing()) {
            sim.trace(cpu, "kvm", Kind.STATE, v.name() + " enters the guest", "world switch");
        }
    }

    /** The guest traps or is interrupted: the world switch out begins on the vCPU's thread. */
    public void exitFromGuest(Vcpu v, ExitReason reason, long arg) {
        if (reason == ExitReason.IRQ) {
            HostCpu hc = cpus[v.pcpu];
            if (hc.exitStormTime != sim.now()) {
                hc.exitStormTime = sim.now();
                hc.exitStormCount = 0;
            }
            if (++hc.exitStormCount > STORM_LIMIT && !hc.stormStopped) {
                hc.stormStopped = true;
                violations.accept("exit storm on pcpu" + v.pcpu + ": " + v.name() + " was interrupted more than "
                        + STORM_LIMIT + " times at t=" + sim.now() + "; the watchdog disables PPI 27 there");
                hw.setEnabled(v.pcpu, Redistributor.VTIMER_INTID, false);
            }
        }
        v.inGuest = false;
        v.exiting = true;
        v.hostIrqsOff = true;
        long packed = reason.ordinal() | (arg << 8);
        if (sim.tracing()) {
            sim.trace(v.pcpu, "guest", Kind.STATE, v.name() + " exits: " + reason.description(), "trap to EL2");
        }
        List<Step> exit = new ArrayList<>();
        exit.add(new Step(KernelFunction.WORLD_SWITCH_EXIT, packed));
        if (design == Design.LEGACY) {
            exit.add(new Step(KernelFunction.KVM_TIMER_SYNC_HWSTATE, 0));
            exit.add(new Step(KernelFunction.KVM_VGIC_SYNC_HWSTATE, 0));
        } else {
            exit.add(new Step(KernelFunction.KVM_VGIC_SYNC_HWSTATE, 0));
            exit.add(new Step(KernelFunction.KVM_TIMER_SYNC_HWSTATE, 0));
        }
        exit.add(new Step(KernelFunction.LOCAL_IRQ_ENABLE, 0));
        exit.add(new Step(KernelFunction.HANDLE_EXIT, packed));
        for (int i = exit.size() - 1; i >= 0; i--) {
            v.stack.push(exit.get(i));
        }
        attention(v.pcpu);
    }

    private void worldSwitchExit(int cpu, Vcpu v, Step s) {
        v.exiting = false;
        stats.worldSwitches++;
        stats.cycles += CostModel.WORLD_SWITCH.cycles();
        if (design == Design.LEGACY) {
            long ctl = timerRead(cpu, "CNTV_CTL_EL0", "__timer_save_state (v4.14, every exit)");
            long cval = timerRead(cpu, "CNTV_CVAL_EL0", "__timer_save_state");
            v.savedEnable = (ctl & GenericTimer.CTL_ENABLE) != 0;
            v.savedImask = (ctl & GenericTimer.CTL_IMASK) != 0;
            v.savedCval = cval;
            timerWrite(cpu, "CNTV_CTL_EL0", 0, "__timer_save_state: timer off before host interrupts are on");
            timerWrite(cpu, "CNTVOFF_EL2", 0, "__timer_save_state");
            v.loaded = false;
        }
        PhysicalCpu pc = hw.cpu(cpu);
        for (int i = 0; i < v.usedLrs; i++) {
            ListRegister lr = pc.virtualInterface().lr(i);
            v.shadowLrs[i].write(lr.state(), lr.hw(), lr.vintid(), lr.pintid(), lr.priority());
            stats.gicAccesses++;
            stats.cycles += CostModel.GIC_SYSREG.cycles();
            if (sim.tracing()) {
                sim.trace(cpu, "kvm", Kind.LIST_REGISTER, "ICH_LR" + i + "_EL2 read back: " + lr + "; zeroed",
                        "__vgic_v3_save_state");
            }
            lr.clear();
        }
    }

    private void handleExit(int cpu, Vcpu v, Step s, Frame f) {
        ExitReason reason = ExitReason.values()[(int) (s.arg() & 0xff)];
        switch (reason) {
            case HVC -> {
                note(cpu, "hypercall handled: back to the guest", "handle_hvc");
                f.then(KernelFunction.RUN_LOOP);
            }
            case WFI -> {
                f.call(KernelFunction.KVM_HANDLE_WFX);
                f.then(KernelFunction.RUN_LOOP);
            }
            case IRQ, KICK -> {
                note(cpu, "nothing to emulate: back to the run loop", "handle_exit: ARM_EXCEPTION_IRQ");
                f.then(KernelFunction.RUN_LOOP);
            }
            case MMIO_GIC -> {
                f.call(KernelFunction.KVM_VGIC_MMIO_WRITE_ENABLE, s.arg() >> 8);
                f.then(KernelFunction.RUN_LOOP);
            }
            case MMIO_USERSPACE -> {
                // the loop ends: kvm_arch_vcpu_ioctl_run returns, kvm_vcpu_ioctl puts the vCPU and returns
                note(cpu, "KVM_EXIT_MMIO: the VMM emulates the device", "io_mem_abort");
            }
            default -> throw new IllegalStateException(reason.name());
        }
    }

    // ---- blocking (kvm_main.c kvm_vcpu_block) -------------------------------------------------------------------

    /**
     * {@code kvm_vcpu_check_block}: the vCPU can run: a pending, enabled virtual interrupt
     * ({@code kvm_arch_vcpu_runnable}), a pending timer ({@code kvm_cpu_has_pending_timer}) or a signal.
     */
    private boolean checkBlock(Vcpu v, boolean polling) {
        if (v.signalPending) {
            return true;
        }
        if (polling && config.has(Fault.POLL_IGNORES_TIMER)) {
            // the fault: polling counts neither the pending timer nor its (forwarded) interrupt as a wake-up
            for (VgicIrq irq : v.irqs) {
                if (irq.intid != Redistributor.VTIMER_INTID && irq.queued && irq.enabled && irq.pending()) {
                    return true;
                }
            }
            return false;
        }
        return vgicPendingIrq(v) || timerIsPending(v);
    }

    /**
     * {@code kvm_timer_is_pending} (v4.15): the virtual line is high, or the timer is not loaded and its saved copy
     * should fire. While the timer is loaded the saved copy is stale, so only the line counts.
     */
    public boolean timerIsPending(Vcpu v) {
        return v.timerIrqLevel || (!v.loaded && savedCopyShouldFire(v));
    }

    private String checkBlockReason(Vcpu v) {
        if (vgicPendingIrq(v)) {
            return "a virtual interrupt is pending (kvm_arch_vcpu_runnable)";
        }
        if (v.signalPending) {
            return "a signal is pending";
        }
        return "the timer is pending (kvm_timer_is_pending: " + (v.timerIrqLevel ? "its virtual line is high)"
                : "the saved copy fires)");
    }

    private boolean singleTaskRunning(int cpu, Vcpu v) {
        if (v.needResched || v.migrateTo >= 0) {
            return false;
        }
        for (Vcpu o : vcpus) {
            if (o != v && o.pcpu == cpu && o.thread == Vcpu.ThreadState.RUNNABLE) {
                return false;
            }
        }
        return true;
    }

    private void haltPoll(int cpu, Vcpu v, Frame f) {
        if (config.haltPoll() == 0) {
            note(cpu, "halt_poll = 0: no polling", "kvm_vcpu_block");
            return;
        }
        if (!singleTaskRunning(cpu, v)) {
            note(cpu, "another task wants pcpu" + cpu + ": no polling", "single_task_running() is false");
            return;
        }
        v.pollStart = sim.now();
        if (checkBlock(v, true)) {
            successfulPoll(cpu, v, "wake-up found at once: " + checkBlockReason(v));
            return;
        }
        suspendPolling(cpu, v, f);
    }

    /** A successful poll: {@code goto out}, past both arch hooks: the timer was never saved. */
    private void successfulPoll(int cpu, Vcpu v, String what) {
        while (!v.stack.isEmpty() && v.stack.peek().fn() != KernelFunction.LEAVE) {
            v.stack.pop();
        }
        note(cpu, what + "; goto out: no kvm_timer_schedule, no schedule(), no kvm_timer_unschedule",
                "kvm_vcpu_block (v4.15): a successful poll skips the arch blocking hooks");
    }

    private void suspendPolling(int cpu, Vcpu v, Frame f) {
        long end = v.pollStart + config.haltPoll();
        long when = end;
        // a timer that is not loaded (always in v4.14) never interrupts the host: polling sees its saved copy become
        // pending (kvm_timer_is_pending) at the deadline; a loaded one is seen through its forwarded interrupt
        if (!v.loaded && v.savedEnable && !v.savedImask && !config.has(Fault.POLL_IGNORES_TIMER)) {
            long due = sim.now() + (v.savedCval - (sim.now() - v.cntvoff));
            if (due >= sim.now() && due < end) {
                when = due;
            }
        }
        v.polling = true;
        v.pollEvent = sim.schedule(when, KvmEvent.POLL_END, cpu, v.id, 0);
        f.then(KernelFunction.HALT_POLL_CHECK);
        note(cpu, v.name() + " polls until t=" + end + (when < end ? " (its saved timer is due at t=" + when + ")"
                : " (a wake-up ends it sooner)"), "halt polling: the CPU spins with interrupts on");
    }

    /** The POLL_END event: polling looks again. */
    public void pollEnd(int cpu, int vcpu) {
        Vcpu v = vcpus[vcpu];
        v.pollEvent = null;
        if (v.polling) {
            v.polling = false;
            attention(v.pcpu);
        }
    }

    private void endPolling(Vcpu v) {
        sim.cancel(v.pollEvent);
        v.pollEvent = null;
        v.polling = false;
        attention(v.pcpu);
    }

    private void haltPollCheck(int cpu, Vcpu v, Frame f) {
        if (checkBlock(v, true)) {
            successfulPoll(cpu, v, "wake-up found while polling: " + checkBlockReason(v));
            return;
        }
        if (!singleTaskRunning(cpu, v)) {
            note(cpu, "another task wants pcpu" + cpu + ": stop polling", "single_task_running() is false");
            return;
        }
        if (sim.now() >= v.pollStart + config.haltPoll()) {
            note(cpu, "polling window over, nothing found: go to sleep", "halt_poll_ns spent");
            return;
        }
        suspendPolling(cpu, v, f);
    }

    private void blockWait(int cpu, Vcpu v, Frame f) {
        if (checkBlock(v, false)) {
            note(cpu, "wake-up due: " + checkBlockReason(v), "kvm_vcpu_check_block < 0: leave the loop");
            return;
        }
        note(cpu, "nothing wakes " + v.name() + ": sleep", "kvm_vcpu_check_block = 0");
        // kvm_main.c kvm_vcpu_block: check_block has returned; the loop itself calls schedule(), then checks again
        f.then(KernelFunction.SCHEDULE, SwitchReason.SLEEP.ordinal());
        f.then(KernelFunction.BLOCK_WAIT);
    }

    // ---- the host scheduler ---------------------------------------------------------------------------------------

    private void contextSwitchOut(int cpu, Vcpu v, SwitchReason reason) {
        HostCpu hc = cpus[cpu];
        v.thread = reason == SwitchReason.SLEEP ? Vcpu.ThreadState.SLEEPING : Vcpu.ThreadState.RUNNABLE;
        v.needResched = false;
        if (v.migrateTo >= 0) {
            sim.trace(cpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + v.migrateTo,
                    "host migrate (set_cpus_allowed)");
            v.pcpu = v.migrateTo;
            v.migrateTo = -1;
        }
        int next = hc.preemptFor != null ? hc.preemptFor : pickNext(cpu);
        hc.preemptFor = null;
        switchTo(cpu, next);
        if (v.thread == Vcpu.ThreadState.RUNNABLE && v.pcpu != cpu && cpus[v.pcpu].current == IDLE) {
            switchTo(v.pcpu, v.id);
        }
    }

    private int pickNext(int cpu) {
        for (Vcpu o : vcpus) {
            if (o.pcpu == cpu && o.thread == Vcpu.ThreadState.RUNNABLE && cpus[cpu].current != o.id) {
                return o.id;
            }
        }
        return IDLE;
    }

    private void switchTo(int cpu, int next) {
        HostCpu hc = cpus[cpu];
        hc.current = next;
        if (next >= 0) {
            Vcpu n = vcpus[next];
            n.thread = Vcpu.ThreadState.RUNNING;
            n.hostIrqsOff = false;
            if (n.inKvmRun) {
                n.stack.push(new Step(KernelFunction.KVM_SCHED_IN, 0));
            }
        }
        if (sim.tracing()) {
            sim.trace(cpu, "host", Kind.STATE, "pcpu" + cpu + " now runs " + currentOn(cpu), "context switch");
        }
        attention(cpu);
    }

    // ---- the host's interrupt path (irq-gic-v3.c) -----------------------------------------------------------

    private void gicHandleIrq(int cpu, Frame f) {
        HostCpu hc = cpus[cpu];
        gicAccess(cpu, "host ICC_IAR1_EL1 read");
        int intid = hw.hostAcknowledge(cpu);
        if (intid == CpuInterface.SPURIOUS) {
            sim.trace(cpu, "gic", Kind.GIC, "ICC_IAR1_EL1 -> 1023 (spurious)", "nothing signalled any more");
            return;
        }
        if (sim.tracing()) {
            sim.trace(cpu, "gic", Kind.GIC, "ICC_IAR1_EL1 -> " + intid + "; PPI " + intid + " "
                    + hw.cpu(cpu).redistributor().irq(intid).state().pathName(), "GICv3 4.1.2: acknowledge");
        }
        if (intid == Redistributor.VTIMER_INTID) {
            stats.hostTimerIrqs++;
            if (hc.stormTime != sim.now()) {
                hc.stormTime = sim.now();
                hc.stormCount = 0;
            }
            if (++hc.stormCount > STORM_LIMIT && !hc.stormStopped) {
                hc.stormStopped = true;
                violations.accept("interrupt storm on pcpu" + cpu + ": more than " + STORM_LIMIT
                        + " host timer interrupts at t=" + sim.now() + "; the watchdog disables PPI 27 there");
                hw.setEnabled(cpu, Redistributor.VTIMER_INTID, false);
            }
        }
        f.call(KernelFunction.GIC_WRITE_EOIR, intid);
        if (intid == Redistributor.VTIMER_INTID) {
            f.call(KernelFunction.KVM_ARCH_TIMER_HANDLER, intid);
        }
        f.call(KernelFunction.GIC_EOIMODE1_EOI_IRQ, intid);
    }

    // =============================================================================================================
    // Host actions (commands)
    // =============================================================================================================

    /** {@code host preempt vcpuI}. */
    public void preempt(Vcpu v) {
        HostCpu hc = cpus[v.pcpu];
        switch (v.thread) {
            case RUNNABLE -> throw new IllegalStateException(v.name() + " is already preempted");
            case SLEEPING -> {
                if (hc.current >= 0) {
                    throw new IllegalStateException(v.name() + " is asleep and pcpu" + v.pcpu + " runs vcpu"
                            + hc.current + ": preempt that one");
                }
                switchTo(v.pcpu, OTHER);
            }
            case RUNNING -> {
                hc.preemptFor = OTHER;
                requestSwitchOut(v);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** {@code host resume vcpuI}. */
    public void resume(Vcpu v) {
        HostCpu hc = cpus[v.pcpu];
        if (hc.current >= 0) {
            Vcpu cur = vcpus[hc.current];
            hc.preemptFor = v.id;
            requestSwitchOut(cur);
        } else {
            switchTo(v.pcpu, v.id);
        }
    }

    /** {@code host migrate vcpuI pcpuJ}. */
    public void migrate(Vcpu v, int target) {
        switch (v.thread) {
            case RUNNING -> {
                v.migrateTo = target;
                requestSwitchOut(v);
            }
            case RUNNABLE -> {
                sim.trace(v.pcpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + target,
                        "host migrate (it is not running: no put, its next load is on pcpu" + target + ")");
                v.pcpu = target;
                if (cpus[target].current == IDLE) {
                    switchTo(target, v.id);
                }
            }
            case SLEEPING -> {
                sim.trace(v.pcpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + target,
                        "host migrate (asleep: it wakes on pcpu" + target + ")");
                v.pcpu = target;
            }
            default -> throw new IllegalStateException();
        }
    }

    private void requestSwitchOut(Vcpu v) {
        v.needResched = true;
        if (v.inGuest) {
            exitFromGuest(v, ExitReason.KICK, 0);
        } else if (v.polling) {
            endPolling(v);
        } else if (!v.inKvmRun && v.stack.isEmpty()) {
            // in userspace: the thread is switched without preempt notifiers
            contextSwitchOut(v.pcpu, v, SwitchReason.PREEMPT);
        } else {
            attention(v.pcpu);
        }
    }

    /** {@code KVM_RUN} again for a vCPU whose thread is back from userspace. */
    public void reenter(Vcpu v) {
        if (v.reenterPending && v.thread == Vcpu.ThreadState.RUNNING && !v.inKvmRun) {
            v.reenterPending = false;
            v.vmmQueue.add(new Step(KernelFunction.KVM_VCPU_IOCTL_RUN, 0));
            attention(v.pcpu);
        }
    }

    /** {@code host set-counter vcpuI VALUE}: the VMM takes the vCPU out of KVM_RUN if needed, sets, re-enters. */
    public void setCounterFromVmm(Vcpu v, long value) {
        if (!v.inKvmRun) {
            v.vmmQueue.add(new Step(KernelFunction.KVM_SET_ONE_REG, value));
            attention(v.pcpu);
            return;
        }
        v.signalPending = true;
        v.vmmQueue.add(new Step(KernelFunction.KVM_SET_ONE_REG, value));
        v.vmmQueue.add(new Step(KernelFunction.KVM_VCPU_IOCTL_RUN, 0));
        sim.trace(v.pcpu, "vmm", Kind.STATE, "the VMM signals " + v.name() + "'s thread to take it out of KVM_RUN",
                "KVM_SET_ONE_REG needs the vCPU outside KVM_RUN");
        kvmVcpuKick(v);
    }
}
