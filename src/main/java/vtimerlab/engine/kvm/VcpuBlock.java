package vtimerlab.engine.kvm;

import vtimerlab.engine.Fault;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.Redistributor;

/**
 * Blocking in {@code virt/kvm/kvm_main.c}: {@code kvm_vcpu_block} (halt polling first, then the arch hooks and the
 * sleep loop, as in v4.15), {@code kvm_vcpu_check_block}, and the two ways a vCPU is woken: {@code kvm_vcpu_kick}
 * and {@code kvm_vcpu_wake_up}.
 */
final class VcpuBlock {
    private final Kvm k;

    VcpuBlock(Kvm k) {
        this.k = k;
    }

    /** {@code kvm_vcpu_block}. */
    void kvmVcpuBlock(Vcpu v, Frame f) {
        v.inBlock = true;
        k.touch(v);
        v.blockStart = k.sim.now();
        // v4.15 kvm_main.c order: polling first, then the blocking hook; a successful poll jumps to
        // "out:", past kvm_arch_vcpu_blocking and kvm_arch_vcpu_unblocking
        f.call(KernelFunction.HALT_POLL);
        f.call(KernelFunction.KVM_ARCH_VCPU_BLOCKING);
        f.call(KernelFunction.BLOCK_WAIT);
        f.call(KernelFunction.KVM_ARCH_VCPU_UNBLOCKING);
    }

    /**
     * {@code kvm_vcpu_check_block}: the vCPU can run: a pending, enabled virtual interrupt
     * ({@code kvm_arch_vcpu_runnable}), a pending timer ({@code kvm_cpu_has_pending_timer}) or a signal.
     */
    private boolean checkBlock(Vcpu v, boolean polling) {
        if (v.signalPending) {
            return true;
        }
        if (polling && k.config.has(Fault.POLL_IGNORES_TIMER)) {
            // the fault: polling counts neither the pending timer nor its (forwarded) interrupt as a wake-up
            for (VgicIrq irq : v.irqs) {
                if (irq.intid != Redistributor.VTIMER_INTID && irq.queued && irq.enabled && irq.pending()) {
                    return true;
                }
            }
            return false;
        }
        return k.vgic.pendingIrq(v) || k.archTimer.isPending(v);
    }

    private String checkBlockReason(Vcpu v) {
        if (k.vgic.pendingIrq(v)) {
            return "a virtual interrupt is pending (kvm_arch_vcpu_runnable)";
        }
        if (v.signalPending) {
            return "a signal is pending";
        }
        return "the timer is pending (kvm_timer_is_pending: " + (v.vtimer.level ? "its virtual line is high)"
                : "the saved copy fires)");
    }

    private boolean singleTaskRunning(int cpu, Vcpu v) {
        if (v.needResched || v.migrateTo >= 0) {
            return false;
        }
        for (Vcpu o : k.vcpus) {
            if (o != v && o.pcpu == cpu && o.thread == Vcpu.ThreadState.RUNNABLE) {
                return false;
            }
        }
        return true;
    }

    /**
     * The polling window in ticks: the fixed {@code halt_poll=T}, or with {@code halt_poll=adaptive} the vCPU's own
     * {@code vcpu->halt_poll_ns} (kvm_main.c v4.15).
     */
    private long window(Vcpu v) {
        return k.config.haltPollAdaptive() ? k.config.nsToTicks(v.haltPollNs) : k.config.haltPoll();
    }

    /** The poll loop of {@code kvm_vcpu_block}, before the arch hooks. */
    void haltPoll(int cpu, Vcpu v, Frame f) {
        if (window(v) == 0) {
            if (k.config.haltPollAdaptive()) {
                k.note(cpu, v.name() + "->halt_poll_ns = 0: no polling", "kvm_vcpu_block: a new vCPU does not poll; "
                        + "its window grows after a short block");
            } else {
                k.note(cpu, "halt_poll = 0: no polling", "kvm_vcpu_block");
            }
            return;
        }
        if (!singleTaskRunning(cpu, v)) {
            if (k.sim.tracing()) {
                k.note(cpu, "another task wants pcpu" + cpu + ": no polling", "single_task_running() is false");
            }
            return;
        }
        v.pollStart = k.sim.now();
        if (checkBlock(v, true)) {
            successfulPoll(cpu, v, "wake-up found at once: " + checkBlockReason(v));
            return;
        }
        suspendPolling(cpu, v, f);
    }

    /** A successful poll: {@code goto out}, past both arch hooks: the timer was never saved. */
    private void successfulPoll(int cpu, Vcpu v, String what) {
        v.stack.dropToReturn();
        k.note(cpu, what + "; goto out: no kvm_timer_schedule, no schedule(), no kvm_timer_unschedule",
                "kvm_vcpu_block (v4.15): a successful poll skips the arch blocking hooks");
    }

    /** When the polling window ends (unsigned; a window past the end of the counter ends with it). */
    private long windowEnd(Vcpu v) {
        long end = v.pollStart + window(v);
        return Long.compareUnsigned(end, v.pollStart) < 0 ? -1 : end;
    }

    private void suspendPolling(int cpu, Vcpu v, Frame f) {
        long end = windowEnd(v);
        long when = end;
        TimerContext t = v.vtimer;
        // a timer that is not loaded (always in v4.14) never interrupts the host: polling sees its saved copy become
        // pending (kvm_timer_is_pending) at the deadline; a loaded one is seen through its forwarded interrupt
        if (!t.loaded && t.enable && !t.imask && !k.config.has(Fault.POLL_IGNORES_TIMER)) {
            long now = k.sim.now();
            long due = now + (t.cval - (now - t.cntvoff));
            if (Long.compareUnsigned(due, now) >= 0 && Long.compareUnsigned(due, end) < 0) {
                when = due;
            }
        }
        v.polling = true;
        v.pollEvent = k.sim.schedule(when, KvmEvent.POLL_END, cpu, v.id, 0);
        f.then(KernelFunction.HALT_POLL_CHECK);
        if (k.sim.tracing()) {
            k.note(cpu, v.name() + " polls until t=" + Long.toUnsignedString(end) + (when != end
                    ? " (its saved timer is due at t=" + Long.toUnsignedString(when) + ")"
                    : " (a wake-up ends it sooner)"), "halt polling: the CPU spins with interrupts on");
        }
    }

    /** The POLL_END event: polling looks again. */
    void pollEnd(Vcpu v) {
        k.touch(v);
        v.pollEvent = null;
        if (v.polling) {
            v.polling = false;
            k.attention(v.pcpu);
        }
    }

    void endPolling(Vcpu v) {
        k.touch(v);
        k.sim.cancel(v.pollEvent);
        v.pollEvent = null;
        v.polling = false;
        k.attention(v.pcpu);
    }

    void haltPollCheck(int cpu, Vcpu v, Frame f) {
        if (checkBlock(v, true)) {
            successfulPoll(cpu, v, "wake-up found while polling: " + checkBlockReason(v));
            return;
        }
        if (!singleTaskRunning(cpu, v)) {
            if (k.sim.tracing()) {
                k.note(cpu, "another task wants pcpu" + cpu + ": stop polling", "single_task_running() is false");
            }
            return;
        }
        if (Long.compareUnsigned(k.sim.now(), windowEnd(v)) >= 0) {
            k.note(cpu, "polling window over, nothing found: go to sleep", "halt_poll_ns spent");
            return;
        }
        suspendPolling(cpu, v, f);
    }

    /** One turn of the sleep loop: {@code kvm_vcpu_check_block}, then {@code schedule()} if nothing wakes it. */
    void blockWait(int cpu, Vcpu v, Frame f) {
        if (checkBlock(v, false)) {
            if (k.sim.tracing()) {
                k.note(cpu, "wake-up due: " + checkBlockReason(v), "kvm_vcpu_check_block < 0: leave the loop");
            }
            return;
        }
        if (k.sim.tracing()) {
            k.note(cpu, "nothing wakes " + v.name() + ": sleep", "kvm_vcpu_check_block = 0");
        }
        // kvm_main.c kvm_vcpu_block: check_block has returned; the loop itself calls schedule(), then checks again
        f.then(KernelFunction.SCHEDULE, HostScheduler.SwitchReason.SLEEP.ordinal());
        f.then(KernelFunction.BLOCK_WAIT);
    }

    /**
     * The end of {@code kvm_vcpu_block} ({@code out:}), with {@code halt_poll=adaptive}: the vCPU's window follows
     * how long it blocked (kvm_main.c v4.15: a block no longer than the window changes nothing; a long block, over
     * {@code halt_poll_ns}, shrinks it ({@code halt_poll_ns_shrink} = 0: back to 0); a short one grows it
     * ({@code grow_halt_poll_ns}: from 0 to 10 us, then doubled, at most {@code halt_poll_ns}).
     */
    void blockDone(int cpu, Vcpu v) {
        if (!k.config.haltPollAdaptive()) {
            return;
        }
        long blockNs = k.config.ticksToNs(k.sim.now() - v.blockStart);
        long old = v.haltPollNs;
        long max = MachineConfig.HALT_POLL_NS_MAX;
        String why;
        if (blockNs <= old) {
            return; // the poll covered it
        } else if (old != 0 && blockNs > max) {
            v.haltPollNs = 0;
            why = "shrink_halt_poll_ns: a long block (" + blockNs + " ns > halt_poll_ns " + max + ")";
        } else if (old < max && blockNs < max) {
            v.haltPollNs = Math.min(max, old == 0 ? 10_000 : old * 2);
            why = "grow_halt_poll_ns: a short block (" + blockNs + " ns) longer than the window";
        } else {
            return;
        }
        k.note(cpu, v.name() + "->halt_poll_ns := " + v.haltPollNs + " (was " + old + ")", why);
    }

    // ---- waking ------------------------------------------------------------------------------------------------

    /** {@code kvm_vcpu_kick}: wake a blocked vCPU; make a running one exit. */
    void kick(Vcpu v) {
        k.touch(v);
        if (v.inGuest) {
            k.runLoop.exitFromGuest(v, ExitReason.KICK, 0);
        } else if (v.polling || v.thread == Vcpu.ThreadState.SLEEPING) {
            wakeUp(v, "kvm_vcpu_kick");
        }
    }

    /** {@code kvm_vcpu_wake_up}. */
    void wakeUp(Vcpu v, String why) {
        k.touch(v);
        if (v.polling) {
            endPolling(v);
            if (k.sim.tracing()) {
                k.sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is polling, it sees the "
                        + "wake-up now", why);
            }
            return;
        }
        if (v.thread != Vcpu.ThreadState.SLEEPING) {
            if (k.sim.tracing()) {
                k.sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is not asleep: nothing to do",
                        why);
            }
            return;
        }
        v.thread = Vcpu.ThreadState.RUNNABLE;
        if (k.sim.tracing()) {
            k.sim.trace(v.pcpu, "host", Kind.STATE, "kvm_vcpu_wake_up: " + v.name() + " is runnable", why);
        }
        if (k.cpus[v.pcpu].current == HostCpu.IDLE) {
            k.scheduler.switchTo(v.pcpu, v.id);
        } else {
            if (k.sim.tracing()) {
                k.sim.trace(v.pcpu, "host", Kind.STATE, v.name() + " waits: pcpu" + v.pcpu + " runs "
                        + k.currentOn(v.pcpu), "the host scheduler (resume it with 'host resume " + v.name() + "')");
            }
        }
    }
}
