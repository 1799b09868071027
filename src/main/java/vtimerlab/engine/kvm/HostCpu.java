package vtimerlab.engine.kvm;

import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.EventQueue;

/** What the host runs on one physical CPU: its current thread, its interrupt stack, the storm watchdog's counts. */
final class HostCpu {
    static final int IDLE = -1;
    static final int OTHER = -2;

    final int index;
    /** The vCPU whose thread runs here, or {@link #IDLE} or {@link #OTHER}. */
    int current = IDLE;
    /** {@code kvm_arm_running_vcpu} of this CPU. */
    int runningVcpu = -1;
    final CallStack irqStack;
    int irqDepth;
    Event stepEvent;
    /** Who takes the CPU when the running vCPU thread is switched out (OTHER for host preempt, a vCPU); -3: none. */
    int preemptFor = NONE;
    long stormTime = -1;
    int stormCount;
    long exitStormTime = -1;
    int exitStormCount;
    boolean stormStopped;

    static final int NONE = -3;

    HostCpu(int index) {
        this.index = index;
        this.irqStack = new CallStack();
    }

    HostCpu(HostCpu o, java.util.Map<Event, Event> remap) {
        this.index = o.index;
        this.current = o.current;
        this.runningVcpu = o.runningVcpu;
        this.irqStack = new CallStack(o.irqStack);
        this.irqDepth = o.irqDepth;
        this.stepEvent = EventQueue.remap(o.stepEvent, remap);
        this.preemptFor = o.preemptFor;
        this.stormTime = o.stormTime;
        this.stormCount = o.stormCount;
        this.exitStormTime = o.exitStormTime;
        this.exitStormCount = o.exitStormCount;
        this.stormStopped = o.stormStopped;
    }
}
