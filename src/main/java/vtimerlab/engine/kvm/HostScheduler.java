package vtimerlab.engine.kvm;

import vtimerlab.engine.core.TraceEntry.Kind;

/**
 * The host scheduler as far as a vCPU thread meets it ({@code kernel/sched/core.c}): {@code schedule()} through
 * {@code context_switch}, where the preempt notifiers KVM registers ({@code kvm_sched_out}, {@code kvm_sched_in} in
 * {@code virt/kvm/kvm_main.c}) put and load the vCPU; which thread a CPU runs next; and the host actions a scenario
 * asks for: preemption, resumption and migration of a vCPU thread.
 */
final class HostScheduler {
    /** Why a thread is switched out. */
    enum SwitchReason {
        SLEEP("the thread sleeps"), PREEMPT("the thread is preempted");

        final String words;

        SwitchReason(String words) {
            this.words = words;
        }
    }

    private final Kvm k;

    HostScheduler(Kvm k) {
        this.k = k;
    }

    /** Machine set-up: the first vCPU of each CPU runs guest code; the others wait preempted. */
    void bootPlace(Vcpu v) {
        HostCpu hc = k.cpus[v.pcpu];
        if (hc.current == HostCpu.IDLE) {
            hc.current = v.id;
            hc.runningVcpu = v.id;
            v.thread = Vcpu.ThreadState.RUNNING;
            v.inGuest = true;
            v.vtimer.loaded = true;
            k.sim.trace(v.pcpu, "kvm", Kind.STATE, v.name() + " runs guest code on pcpu" + v.pcpu
                    + (k.version.timerLoadedOutsideGuest() ? ", timer loaded" : ""), "machine set-up");
        } else {
            v.thread = Vcpu.ThreadState.RUNNABLE;
            // preempted at the top of a loop turn: inside schedule() -> context_switch, where kvm_sched_in runs
            // when it is switched in
            v.stack.push(KernelFunction.RUN_LOOP, 0);
            v.stack.pushReturn(KernelFunction.SCHEDULE);
            v.stack.pushReturn(KernelFunction.CONTEXT_SWITCH);
            v.depth = 4;
            k.sim.trace(v.pcpu, "kvm", Kind.STATE, v.name() + " waits preempted on pcpu" + v.pcpu,
                    "machine set-up: pcpu" + v.pcpu + " already runs vcpu" + hc.current);
        }
    }

    /** {@code schedule} -> {@code __schedule} -> {@code context_switch}. */
    void schedule(Vcpu v, long reason, Frame f) {
        v.hostIrqsOff = true;
        f.enter(KernelFunction.CONTEXT_SWITCH, reason);
    }

    /**
     * {@code context_switch}: {@code prepare_task_switch} fires the sched-out notifiers before {@code switch_to};
     * {@code finish_task_switch} fires the sched-in ones when this thread runs again ({@link #switchTo} pushes them).
     */
    void contextSwitch(Vcpu v, long reason, Frame f) {
        if (v.inKvmRun) {
            f.call(KernelFunction.KVM_SCHED_OUT);
        }
        f.call(KernelFunction.SWITCH_TO, reason);
    }

    /** {@code switch_to}: the thread leaves the CPU; the next one (or idle) runs there. */
    void switchOut(int cpu, Vcpu v, SwitchReason reason) {
        k.touch(v);
        HostCpu hc = k.cpus[cpu];
        v.thread = reason == SwitchReason.SLEEP ? Vcpu.ThreadState.SLEEPING : Vcpu.ThreadState.RUNNABLE;
        v.needResched = false;
        if (v.migrateTo >= 0) {
            k.sim.trace(cpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + v.migrateTo,
                    "host migrate (set_cpus_allowed)");
            v.pcpu = v.migrateTo;
            v.migrateTo = -1;
            k.touch(v);
        }
        int next = hc.preemptFor != HostCpu.NONE ? hc.preemptFor : pickNext(cpu);
        hc.preemptFor = HostCpu.NONE;
        switchTo(cpu, next);
        if (v.thread == Vcpu.ThreadState.RUNNABLE && v.pcpu != cpu && k.cpus[v.pcpu].current == HostCpu.IDLE) {
            switchTo(v.pcpu, v.id);
        }
    }

    private int pickNext(int cpu) {
        for (Vcpu o : k.vcpus) {
            if (o.pcpu == cpu && o.thread == Vcpu.ThreadState.RUNNABLE && k.cpus[cpu].current != o.id) {
                return o.id;
            }
        }
        return HostCpu.IDLE;
    }

    /** {@code cpu} now runs {@code next} (a vCPU thread, idle or another task). */
    void switchTo(int cpu, int next) {
        k.sim.touchCpu(cpu);
        HostCpu hc = k.cpus[cpu];
        hc.current = next;
        if (next >= 0) {
            Vcpu n = k.vcpus[next];
            n.thread = Vcpu.ThreadState.RUNNING;
            k.touch(n);
            n.hostIrqsOff = false;
            if (n.inKvmRun) {
                n.stack.push(KernelFunction.KVM_SCHED_IN, 0);
            }
        }
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "host", Kind.STATE, "pcpu" + cpu + " now runs " + k.currentOn(cpu), "context switch");
        }
        k.attention(cpu);
    }

    // ---- host actions (commands) ---------------------------------------------------------------------------

    /** {@code host preempt vcpuI}. */
    void preempt(Vcpu v) {
        HostCpu hc = k.cpus[v.pcpu];
        switch (v.thread) {
            case RUNNABLE -> throw new IllegalStateException(v.name() + " is already preempted");
            case SLEEPING -> {
                if (hc.current >= 0) {
                    throw new IllegalStateException(v.name() + " is asleep and pcpu" + v.pcpu + " runs vcpu"
                            + hc.current + ": preempt that one");
                }
                switchTo(v.pcpu, HostCpu.OTHER);
            }
            case RUNNING -> {
                hc.preemptFor = HostCpu.OTHER;
                requestSwitchOut(v);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** {@code host resume vcpuI}. */
    void resume(Vcpu v) {
        HostCpu hc = k.cpus[v.pcpu];
        if (hc.current >= 0) {
            Vcpu cur = k.vcpus[hc.current];
            hc.preemptFor = v.id;
            requestSwitchOut(cur);
        } else {
            switchTo(v.pcpu, v.id);
        }
    }

    /** {@code host migrate vcpuI pcpuJ}. */
    void migrate(Vcpu v, int target) {
        k.touch(v);
        k.sim.touchCpu(target);
        switch (v.thread) {
            case RUNNING -> {
                v.migrateTo = target;
                requestSwitchOut(v);
            }
            case RUNNABLE -> {
                k.sim.trace(v.pcpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + target,
                        "host migrate (it is not running: no put, its next load is on pcpu" + target + ")");
                v.pcpu = target;
                if (k.cpus[target].current == HostCpu.IDLE) {
                    switchTo(target, v.id);
                }
            }
            case SLEEPING -> {
                k.sim.trace(v.pcpu, "host", Kind.STATE, v.name() + "'s thread moves to pcpu" + target,
                        "host migrate (asleep: it wakes on pcpu" + target + ")");
                v.pcpu = target;
            }
            default -> throw new IllegalStateException();
        }
    }

    private void requestSwitchOut(Vcpu v) {
        k.touch(v);
        v.needResched = true;
        if (v.inGuest) {
            k.runLoop.exitFromGuest(v, ExitReason.KICK, 0);
        } else if (v.polling) {
            k.vcpuBlock.endPolling(v);
        } else if (!v.inKvmRun && v.stack.isEmpty()) {
            // in userspace: the thread is switched without preempt notifiers
            switchOut(v.pcpu, v, SwitchReason.PREEMPT);
        } else {
            k.attention(v.pcpu);
        }
    }
}
