package vtimerlab.engine.kvm;

import java.util.List;
import java.util.function.Consumer;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.NotCopiedBySnapshot;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.CpuInterface;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;

/**
 * The host kernel and KVM, assembled from one class per piece of the kernel, each named after its source file:
 * {@link ArchTimer} ({@code virt/kvm/arm/arch_timer.c}), {@link Vgic} ({@code virt/kvm/arm/vgic/}), {@link RunLoop}
 * ({@code virt/kvm/arm/arm.c} and the world switch), {@link VcpuBlock} (blocking and halt polling in
 * {@code virt/kvm/kvm_main.c}), {@link HostScheduler} (the host scheduler and the preempt notifiers), {@link HostIrq}
 * ({@code drivers/irqchip/irq-gic-v3.c}) and {@link VmmIoctls} (the ioctls the VMM makes). What differs between the
 * kernel versions is behind {@link KvmVersion}, one class per version.
 *
 * <p>This class runs the kernel code: code runs as steps, one engine event each, on a context: a vCPU thread's
 * stack, or a CPU's interrupt stack. A step may call functions (run before it returns, one level deeper) and may
 * continue with further steps at its own level. Every decision is taken from the state at the moment the step runs,
 * so the two blocking flows of the seed commit arise from real conditions: whether a wake-up is found before
 * {@code schedule()}.
 */
public final class Kvm {
    /** Host timer interrupts at one instant on one CPU beyond which the watchdog calls it a storm. */
    public static final int STORM_LIMIT = HostIrq.STORM_LIMIT;

    @NotCopiedBySnapshot("the copied simulation, passed in")
    final Simulation sim;
    @NotCopiedBySnapshot("the copied hardware, passed in")
    final Platform hw;
    final MachineConfig config;
    @NotCopiedBySnapshot("a version keeps no state")
    final KvmVersion version;
    final Vcpu[] vcpus;
    final HostCpu[] cpus;
    final Stats stats;
    @NotCopiedBySnapshot("wired again by the machine")
    GuestCode guest;
    @NotCopiedBySnapshot("wired again by the machine")
    Consumer<String> violations = s -> { };
    /** Scratch for runStep. */
    @NotCopiedBySnapshot("scratch: reset before every step")
    private final Frame frame = new Frame();

    @NotCopiedBySnapshot("the pieces keep no state; the copy builds its own around itself")
    final ArchTimer archTimer = new ArchTimer(this);
    @NotCopiedBySnapshot("as archTimer")
    final PhysTimer physTimer = new PhysTimer(this);
    @NotCopiedBySnapshot("as archTimer")
    final Vgic vgic = new Vgic(this);
    @NotCopiedBySnapshot("as archTimer")
    final RunLoop runLoop = new RunLoop(this);
    @NotCopiedBySnapshot("as archTimer")
    final VcpuBlock vcpuBlock = new VcpuBlock(this);
    @NotCopiedBySnapshot("as archTimer")
    final HostScheduler scheduler = new HostScheduler(this);
    @NotCopiedBySnapshot("as archTimer")
    final HostIrq hostIrq = new HostIrq(this);
    @NotCopiedBySnapshot("as archTimer")
    final VmmIoctls vmm = new VmmIoctls(this);

    public Kvm(Simulation sim, Platform hw, MachineConfig config) {
        this.stats = new Stats();
        this.sim = sim;
        this.hw = hw;
        this.config = config;
        this.version = config.design().version();
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

    /** A copy for a snapshot, on the copied simulation and hardware; the guest and sinks are wired again. */
    public Kvm(Kvm o, Simulation sim, Platform hw, java.util.Map<Event, Event> remap) {
        this.sim = sim;
        this.hw = hw;
        this.config = o.config;
        this.version = o.version;
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

    public void setGuest(GuestCode guest) {
        this.guest = guest;
    }

    public void onViolation(Consumer<String> sink) {
        this.violations = sink;
    }

    /**
     * The machine as the contract describes it at time 0: vcpuI on pcpu (I mod N); the first vCPU of each CPU has
     * entered KVM_RUN and runs guest code with its timer loaded, the others wait preempted. {@code kvm_timer_hyp_init}
     * has forwarded PPI 27 on every CPU where the version does, and {@code kvm_timer_enable} has mapped each vCPU's
     * vINTID 27 to the physical PPI 27.
     */
    public void boot() {
        archTimer.hypInit();
        for (Vcpu v : vcpus) {
            archTimer.enable(v);
            physTimer.enable(v);
            vmm.bootInKvmRun(v);
            scheduler.bootPlace(v);
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

    /** The kernel version this machine runs (the strategy for everything that differs between versions). */
    public KvmVersion version() {
        return version;
    }

    /** {@code pcpuN.current}: {@code vcpuI}, {@code idle} or {@code other}. */
    public String currentOn(int cpu) {
        int c = cpus[cpu].current;
        return c == HostCpu.IDLE ? "idle" : c == HostCpu.OTHER ? "other" : vcpus[c].name();
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
        return cpus[cpu].irqStack.openFunctions();
    }

    /** {@code kvm_timer_should_fire} on the saved copy: ENABLE, not IMASK, CVAL <= now - CNTVOFF. */
    public boolean savedCopyShouldFire(Vcpu v) {
        return v.vtimer.shouldFire(sim.now());
    }

    /** {@code kvm_timer_is_pending}. */
    public boolean timerIsPending(Vcpu v) {
        return archTimer.isPending(v);
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

    /**
     * Code running elsewhere changed {@code v}'s state (a kick, a wake-up, an injection, the scheduler, the VMM):
     * the invariant checker looks at it again after this event ({@link vtimerlab.engine.core.Simulation#touchCpu}).
     */
    void touch(Vcpu v) {
        sim.touchVcpu(v.id);
    }

    /** A command gave the guest or the host on {@code cpu} something to do. */
    public void nudge(int cpu) {
        attention(cpu);
    }

    Vcpu currentThread(int cpu) {
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
            sim.enter(Context.Kind.INTERRUPT, cpu);
            runStep(cpu, null);
            if (hc.irqStack.isEmpty()) {
                sim.touchCpu(cpu); // the handler is over (inHostInterrupt)
            }
        } else {
            Vcpu v = currentThread(cpu);
            if (v != null && v.inGuest) {
                sim.enter(Context.Kind.GUEST, v.id);
                if (physicalIrqSignalled(cpu)) {
                    runLoop.exitFromGuest(v, ExitReason.IRQ, 0);
                } else if (guest != null && guest.wantsToRun(v)) {
                    guest.runNext(v);
                }
            } else if (hostIrqsOn(cpu) && physicalIrqSignalled(cpu)) {
                sim.enter(Context.Kind.INTERRUPT, cpu);
                hc.irqStack.push(KernelFunction.GIC_HANDLE_IRQ, 0);
                sim.touchCpu(cpu);
                runStep(cpu, null);
                if (hc.irqStack.isEmpty()) {
                    sim.touchCpu(cpu);
                }
            } else if (v != null && v.thread == Vcpu.ThreadState.RUNNING && !v.polling) {
                sim.enter(Context.Kind.VCPU_THREAD, v.id);
                if (v.stack.isEmpty() && !v.inKvmRun && !v.vmmQueue.isEmpty()) {
                    v.vmmQueue.moveOnto(v.stack);
                }
                if (!v.stack.isEmpty()) {
                    runStep(cpu, v);
                }
            }
        }
        attention(cpu);
    }

    /** The guest traps or is interrupted: the world switch out begins on the vCPU's thread. */
    public void exitFromGuest(Vcpu v, ExitReason reason, long arg) {
        runLoop.exitFromGuest(v, reason, arg);
    }

    // ---- the step machinery -------------------------------------------------------------------------------------

    private void runStep(int cpu, Vcpu thread) {
        CallStack stack = thread != null ? thread.stack : cpus[cpu].irqStack;
        popLeaves(cpu, thread);
        if (stack.isEmpty()) {
            return;
        }
        KernelFunction fn = stack.top();
        long arg = stack.topArg();
        stack.pop();
        String actor = thread != null ? "kvm" : "host";
        while (fn != null) {
            int depth = thread != null ? thread.depth : cpus[cpu].irqDepth;
            sim.inFunction(fn);
            if (sim.tracing()) { // the texts are built only for the trace
                sim.trace(cpu, actor, Kind.ENTER, fn.kernelName() + describeArg(fn, arg), who(thread), depth);
            }
            Frame f = frame.reset();
            execute(cpu, thread, fn, arg, f);
            f.pushThens(stack);
            if (f.hasCalls() || f.entered() != null) {
                stack.pushReturn(fn);
                f.pushCalls(stack);
                if (thread != null) {
                    thread.depth++;
                } else {
                    cpus[cpu].irqDepth++;
                }
            }
            fn = f.entered(); // entered at once, one level deeper, before the other calls
            arg = f.enteredArg();
        }
        popLeaves(cpu, thread);
    }

    /** Returns from finished functions at once, while the context is still running kernel code. */
    private void popLeaves(int cpu, Vcpu thread) {
        CallStack stack = thread != null ? thread.stack : cpus[cpu].irqStack;
        while (stack.returnOnTop()) {
            if (thread != null && (thread.inGuest || thread.polling || thread.thread != Vcpu.ThreadState.RUNNING)) {
                return; // suspended inside the function: it has not returned
            }
            KernelFunction leaving = stack.topReturnsFrom();
            stack.pop();
            int depth;
            if (thread != null) {
                depth = --thread.depth;
            } else {
                depth = --cpus[cpu].irqDepth;
            }
            sim.inFunction(leaving);
            if (sim.tracing()) {
                sim.trace(cpu, thread != null ? "kvm" : "host", Kind.LEAVE, leaving.kernelName(), who(thread),
                        depth);
            }
            onReturn(cpu, thread, leaving);
        }
    }

    private static String who(Vcpu thread) {
        return thread != null ? thread.name() + " thread" : "interrupt";
    }

    private static String describeArg(KernelFunction fn, long arg) {
        return switch (fn) {
            case HANDLE_EXIT, WORLD_SWITCH_EXIT -> " (" + ExitReason.of((int) (arg & 0xff)).description()
                    + ")";
            case SCHEDULE, CONTEXT_SWITCH, SWITCH_TO -> " (" + HostScheduler.SwitchReason.values()[(int) arg].words
                    + ")";
            case SET_CNTVOFF -> "(" + arg + ")";
            case KVM_ARM_TIMER_SET_REG -> "(KVM_REG_ARM_TIMER_CNT = " + arg + ")";
            default -> "";
        };
    }

    private void onReturn(int cpu, Vcpu v, KernelFunction fn) {
        if (fn == KernelFunction.KVM_VCPU_BLOCK && v != null) {
            v.inBlock = false;
            touch(v);
            vcpuBlock.blockDone(cpu, v);
        }
        if (fn == KernelFunction.KVM_TIMER_UNSCHEDULE && v != null) {
            v.timerScheduled = false;
            touch(v);
        }
    }

    /** Runs one step: the body of kernel function {@code fn}, on {@code cpu}, in {@code v}'s thread (null: IRQ). */
    private void execute(int cpu, Vcpu v, KernelFunction fn, long arg, Frame f) {
        switch (fn) {
            // kvm_main.c: the ioctls the VMM makes
            case KVM_VCPU_IOCTL_RUN -> vmm.kvmVcpuIoctlRun(f);
            case VCPU_LOAD -> vmm.vcpuLoad(v, f);
            case VCPU_PUT -> vmm.vcpuPut(v, f);
            case RETURN_TO_USERSPACE -> vmm.returnToUserspace(cpu, v);
            case KVM_SET_ONE_REG -> vmm.kvmSetOneReg(arg, f);
            // arm.c: the run loop, the world switch, handle_exit
            case KVM_ARCH_VCPU_IOCTL_RUN -> f.enter(KernelFunction.RUN_LOOP, 0); // the first turn starts at once
            case KVM_ARCH_VCPU_LOAD -> runLoop.kvmArchVcpuLoad(cpu, v, f);
            case KVM_ARCH_VCPU_PUT -> runLoop.kvmArchVcpuPut(cpu, v, f);
            case CLEAR_RUNNING_VCPU -> runLoop.clearRunningVcpu(cpu);
            case RUN_LOOP -> runLoop.turn(cpu, v, f);
            case ENTRY_CHECK -> runLoop.lastCheck(cpu, v, f);
            case LOCAL_IRQ_DISABLE -> v.hostIrqsOff = true;
            case LOCAL_IRQ_ENABLE -> v.hostIrqsOff = false;
            case WORLD_SWITCH_ENTER -> runLoop.worldSwitchEnter(cpu, v);
            case WORLD_SWITCH_EXIT -> runLoop.worldSwitchExit(cpu, v);
            case HANDLE_EXIT -> runLoop.handleExit(cpu, arg, f);
            case KVM_HANDLE_WFX -> f.call(KernelFunction.KVM_VCPU_BLOCK);
            // arch_timer.c
            case KVM_TIMER_VCPU_LOAD -> archTimer.vcpuLoad(cpu, v, f);
            case TIMER_SET_ACTIVE_STATE -> archTimer.setActiveStateOnLoad(cpu, v);
            case SET_CNTVOFF -> archTimer.setCntvoff(cpu, v, arg);
            case VTIMER_RESTORE_STATE -> archTimer.restoreState(cpu, v);
            case KVM_TIMER_VCPU_PUT -> archTimer.vcpuPut(cpu, v, f);
            case KVM_HANDLE_SYS_REG -> physTimer.handleSysReg(cpu, v);
            case VTIMER_SAVE_STATE -> archTimer.saveState(cpu, v);
            case KVM_TIMER_FLUSH_HWSTATE -> archTimer.flushHwstate(cpu, v);
            case KVM_TIMER_SYNC_HWSTATE -> version.timerSyncHwstate(this, cpu, v);
            case KVM_TIMER_SCHEDULE -> version.timerSchedule(this, v, f);
            case SOFT_TIMER_START -> archTimer.softTimerStart(cpu, v);
            case KVM_TIMER_UNSCHEDULE -> version.timerUnschedule(this, v, f);
            case SOFT_TIMER_CANCEL -> archTimer.softTimerCancel(cpu, v);
            case KVM_ARM_TIMER_SET_REG -> archTimer.setCounter(cpu, v, arg);
            case KVM_ARCH_TIMER_HANDLER -> version.archTimerHandler(this, cpu);
            // vgic
            case KVM_VGIC_FLUSH_HWSTATE -> vgic.flushHwstate(cpu, v);
            case KVM_VGIC_SYNC_HWSTATE -> vgic.syncHwstate(cpu, v);
            case KVM_VGIC_MMIO_WRITE_ENABLE -> vgic.mmioWriteEnable(cpu, v, arg);
            // kvm_main.c: blocking
            case KVM_VCPU_BLOCK -> vcpuBlock.kvmVcpuBlock(v, f);
            case KVM_ARCH_VCPU_BLOCKING -> f.call(KernelFunction.KVM_TIMER_SCHEDULE);
            case KVM_ARCH_VCPU_UNBLOCKING -> f.call(KernelFunction.KVM_TIMER_UNSCHEDULE);
            case HALT_POLL -> vcpuBlock.haltPoll(cpu, v, f);
            case HALT_POLL_CHECK -> vcpuBlock.haltPollCheck(cpu, v, f);
            case BLOCK_WAIT -> vcpuBlock.blockWait(cpu, v, f);
            // the host scheduler
            case SCHEDULE -> scheduler.schedule(v, arg, f);
            case CONTEXT_SWITCH -> scheduler.contextSwitch(v, arg, f);
            case KVM_SCHED_OUT -> f.call(KernelFunction.KVM_ARCH_VCPU_PUT);
            case SWITCH_TO -> scheduler.switchOut(cpu, v, HostScheduler.SwitchReason.values()[(int) arg]);
            case KVM_SCHED_IN -> f.call(KernelFunction.KVM_ARCH_VCPU_LOAD);
            // irq-gic-v3.c
            case GIC_HANDLE_IRQ -> hostIrq.gicHandleIrq(f);
            case GIC_READ_IAR -> hostIrq.gicReadIar(cpu, f);
            case GIC_WRITE_EOIR -> hostIrq.gicWriteEoir(cpu, (int) arg);
            case GIC_EOI_IRQ -> hostIrq.gicWriteEoir(cpu, (int) arg);
            case GIC_EOIMODE1_EOI_IRQ -> hostIrq.gicEoimode1EoiIrq(cpu, (int) arg);
            case LEAVE -> { }
            default -> throw new IllegalStateException("no body for " + fn);
        }
    }

    // ---- shared trace helpers ---------------------------------------------------------------------------------

    void note(int cpu, String what, String why) {
        sim.trace(cpu, "kvm", Kind.STATE, Subject.NONE, what, why);
    }

    /** A state line about {@code subject} (an INTID, a list register). */
    void note(int cpu, Subject subject, String what, String why) {
        sim.trace(cpu, "kvm", Kind.STATE, subject, what, why);
    }

    static String bit(boolean b) {
        return b ? "1" : "0";
    }

    // =============================================================================================================
    // Events and host actions (commands)
    // =============================================================================================================

    /** The BG_TIMER_EXPIRE event: {@code kvm_bg_timer_expire}, an hrtimer callback in interrupt context. */
    public void bgTimerExpire(int cpu, int vcpu) {
        sim.enter(Context.Kind.INTERRUPT, cpu);
        archTimer.bgTimerExpire(cpu, vcpus[vcpu]);
    }

    /** The BG_TIMER_WORK event: {@code kvm_timer_inject_irq_work}, run by a kernel worker. */
    public void bgTimerWork(int cpu, int vcpu) {
        sim.enter(Context.Kind.WORKER, cpu);
        archTimer.injectIrqWork(vcpus[vcpu]);
    }

    /** The PTIMER_SOFT_TIMER_EXPIRE event: the physical timer's soft timer (an hrtimer, in interrupt context). */
    public void ptimerSoftTimerExpire(int cpu, int vcpu) {
        sim.enter(Context.Kind.INTERRUPT, cpu);
        physTimer.softTimerExpire(cpu, vcpus[vcpu]);
    }

    /** The guest accesses CNTP_CTL/CVAL/TVAL_EL0: the access traps to KVM ({@code kvm_handle_sys_reg}). */
    public void trapPhysTimerAccess(Vcpu v, vtimerlab.engine.TimerRegister register, boolean write, long value) {
        physTimer.trap(v, register, write, value);
    }

    /** {@code kvm_timer_should_fire(ptimer)} now. */
    public boolean physTimerShouldFire(Vcpu v) {
        return physTimer.shouldFire(v);
    }

    /** The POLL_END event: polling looks again (on the polling vCPU's thread). */
    public void pollEnd(int cpu, int vcpu) {
        sim.enter(Context.Kind.VCPU_THREAD, vcpu);
        vcpuBlock.pollEnd(vcpus[vcpu]);
    }

    /** {@code host preempt vcpuI}. */
    public void preempt(Vcpu v) {
        scheduler.preempt(v);
    }

    /** {@code host resume vcpuI}. */
    public void resume(Vcpu v) {
        scheduler.resume(v);
    }

    /** {@code host migrate vcpuI pcpuJ}. */
    public void migrate(Vcpu v, int target) {
        scheduler.migrate(v, target);
    }

    /**
     * {@code KVM_RUN} again for a vCPU whose thread is back from userspace.
     *
     * @return true if the VMM made the ioctl (false: the vCPU was not waiting to re-enter, nothing changed)
     */
    public boolean reenter(Vcpu v) {
        return vmm.reenter(v);
    }

    /** {@code host set-counter vcpuI VALUE}: the VMM takes the vCPU out of KVM_RUN if needed, sets, re-enters. */
    public void setCounterFromVmm(Vcpu v, long value) {
        vmm.setCounterFromVmm(v, value);
    }
}
