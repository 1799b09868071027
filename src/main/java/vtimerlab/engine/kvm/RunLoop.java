package vtimerlab.engine.kvm;

import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;

/**
 * {@code virt/kvm/arm/arm.c} and what it calls into: one turn of the run loop of {@code kvm_arch_vcpu_ioctl_run}
 * (reschedule, vGIC flush, entry), the world switch into and out of the guest ({@code __kvm_vcpu_run}: the list
 * registers, and in v4.14 the timer), the way back ({@code kvm_vgic_sync_hwstate}, {@code kvm_timer_sync_hwstate}),
 * {@code handle_exit}, and {@code kvm_arch_vcpu_load}/{@code put}. The order of the steps around the world switch is
 * the version's ({@link KvmVersion#beforeEntry()}, {@link KvmVersion#afterExit()}).
 */
final class RunLoop {
    private final Kvm k;

    RunLoop(Kvm k) {
        this.k = k;
    }

    /** {@code kvm_arch_vcpu_load}: this vCPU runs here now; the version may load its timer. */
    void kvmArchVcpuLoad(int cpu, Vcpu v, Frame f) {
        k.cpus[cpu].runningVcpu = v.id;
        k.sim.touchCpu(cpu);
        if (k.sim.tracing()) {
            k.note(cpu, "kvm_arm_set_running_vcpu(" + v.name() + ")", "the timer handler on pcpu" + cpu
                    + " now serves " + v.name());
        }
        k.version.archVcpuLoad(k, v, f);
    }

    /** {@code kvm_arch_vcpu_put}: the version puts the timer, then no vCPU runs here. */
    void kvmArchVcpuPut(int cpu, Vcpu v, Frame f) {
        k.version.archVcpuPut(k, cpu, v, f);
        f.call(KernelFunction.CLEAR_RUNNING_VCPU);
    }

    /** {@code kvm_arm_set_running_vcpu(NULL)}. */
    void clearRunningVcpu(int cpu) {
        k.cpus[cpu].runningVcpu = -1;
        k.sim.touchCpu(cpu);
        if (k.sim.tracing()) {
            k.note(cpu, "kvm_arm_set_running_vcpu(NULL)", "no vCPU is loaded on pcpu" + cpu);
        }
    }

    /**
     * The top of one turn of the loop of {@code kvm_arch_vcpu_ioctl_run} (arm.c, v4.14 and v4.15):
     * {@code cond_resched()}, then {@code check_vcpu_requests} (which clears {@code KVM_REQ_IRQ_PENDING}), then the
     * version's flushes up to the last check ({@link #lastCheck}). A pending signal is not looked at here: the loop
     * only checks it after the flush.
     */
    void turn(int cpu, Vcpu v, Frame f) {
        if (v.needResched) {
            k.note(cpu, "need_resched: cond_resched()", "the host scheduler wants the CPU");
            f.then(KernelFunction.SCHEDULE, HostScheduler.SwitchReason.PREEMPT.ordinal()); // called by the loop
            f.then(KernelFunction.RUN_LOOP);
            return;
        }
        if (v.requestPending) {
            v.requestPending = false;
            k.note(cpu, "check_vcpu_requests: KVM_REQ_IRQ_PENDING cleared", "the flush that follows sees the "
                    + "interrupt that was queued");
        }
        for (KernelFunction step : k.version.beforeEntry()) {
            f.then(step);
        }
    }

    /**
     * The check after the flush, with host interrupts off (arm.c v4.15: {@code signal_pending(current)}, then
     * {@code kvm_request_pending(vcpu)}): either aborts the entry, running the version's syncs on the way back
     * ({@link KvmVersion#abortedEntry()}), and goes round again, or, for a signal, ends the loop; or enters.
     */
    void lastCheck(int cpu, Vcpu v, Frame f) {
        if (!v.signalPending && !v.requestPending) {
            f.then(KernelFunction.WORLD_SWITCH_ENTER);
            return;
        }
        if (v.signalPending) {
            // ret = -EINTR: the syncs run, the loop ends; kvm_vcpu_ioctl puts the vCPU and returns to the VMM
            k.note(cpu, "signal pending: the entry is aborted; KVM_RUN returns -EINTR (KVM_EXIT_INTR)",
                    "the VMM wants the vCPU thread");
        } else {
            k.note(cpu, "a request arrived after check_vcpu_requests (KVM_REQ_IRQ_PENDING): the entry is aborted, "
                    + "the loop goes round again", "kvm_request_pending(vcpu)");
        }
        for (KernelFunction step : k.version.abortedEntry()) {
            f.then(step);
        }
        if (!v.signalPending) {
            f.then(KernelFunction.RUN_LOOP);
        }
    }

    /** The world switch into the guest: the version's timer work, then the list registers. */
    void worldSwitchEnter(int cpu, Vcpu v) {
        k.stats.worldSwitches++;
        k.stats.cycles += CostModel.WORLD_SWITCH.cycles();
        k.version.worldSwitchEnter(k, cpu, v);
        PhysicalCpu pc = k.hw.cpu(cpu);
        k.sim.touchCpu(cpu); // the list registers
        for (int i = 0; i < v.shadowLrs.length; i++) {
            ListRegister src = v.shadowLrs[i];
            if (i < v.usedLrs) {
                pc.virtualInterface().lr(i).write(src.state(), src.hw(), src.eoi(), src.vintid(), src.pintid(),
                        src.priority());
                k.stats.gicAccesses++;
                k.stats.cycles += CostModel.GIC_SYSREG.cycles();
                if (k.sim.tracing()) {
                    k.sim.trace(cpu, "kvm", Kind.LIST_REGISTER, Subject.listRegister(i, src.vintid())
                            .leavingLr(GicState.named(src.state().name())), "ICH_LR" + i + "_EL2 := "
                            + pc.virtualInterface().lr(i), "__vgic_v3_restore_state");
                }
            } else {
                pc.virtualInterface().lr(i).clear();
            }
        }
        v.inGuest = true;
        k.touch(v);
        v.hostIrqsOff = true;
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "kvm", Kind.STATE, v.name() + " enters the guest", "world switch");
        }
    }

    /** The guest traps or is interrupted: the world switch out begins on the vCPU's thread. */
    void exitFromGuest(Vcpu v, ExitReason reason, long arg) {
        k.touch(v);
        if (reason == ExitReason.IRQ) {
            k.hostIrq.countExitForStorm(v);
        } else if (reason == ExitReason.MAINTENANCE) {
            k.stats.maintenanceExits++;
        }
        v.inGuest = false;
        v.exiting = true;
        v.hostIrqsOff = true;
        long packed = reason.ordinal() | (arg << 8);
        if (k.sim.tracing()) {
            k.sim.trace(v.pcpu, "guest", Kind.STATE, v.name() + " exits: " + reason.description(), "trap to EL2");
        }
        // pushed last first: the world switch out, the version's way back, then handle_exit
        v.stack.push(KernelFunction.HANDLE_EXIT, packed);
        KernelFunction[] back = k.version.afterExit();
        for (int i = back.length - 1; i >= 0; i--) {
            v.stack.push(back[i], 0);
        }
        v.stack.push(KernelFunction.WORLD_SWITCH_EXIT, packed);
        k.attention(v.pcpu);
    }

    /** The world switch out of the guest: the version's timer work, then the list registers read back, zeroed. */
    void worldSwitchExit(int cpu, Vcpu v) {
        v.exiting = false;
        k.touch(v);
        k.stats.worldSwitches++;
        k.stats.cycles += CostModel.WORLD_SWITCH.cycles();
        k.version.worldSwitchExit(k, cpu, v);
        PhysicalCpu pc = k.hw.cpu(cpu);
        k.sim.touchCpu(cpu); // the list registers
        for (int i = 0; i < v.usedLrs; i++) {
            ListRegister lr = pc.virtualInterface().lr(i);
            v.shadowLrs[i].write(lr.state(), lr.hw(), lr.eoi(), lr.vintid(), lr.pintid(), lr.priority());
            k.stats.gicAccesses++;
            k.stats.cycles += CostModel.GIC_SYSREG.cycles();
            if (k.sim.tracing()) {
                k.sim.trace(cpu, "kvm", Kind.LIST_REGISTER, Subject.listRegister(i, lr.vintid())
                                .leavingLr(GicState.INVALID),
                        "ICH_LR" + i + "_EL2 read back: " + lr + "; zeroed",
                        "__vgic_v3_save_state");
            }
            lr.clear();
        }
    }

    /** v4.14 {@code __timer_restore_state} in the world switch: CNTVOFF, CVAL, CTL from the saved copy. */
    void restoreTimerOnEntry(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        k.archTimer.timerWrite(cpu, "CNTVOFF_EL2", t.cntvoff, "__timer_restore_state (v4.14, every entry)");
        k.archTimer.timerWrite(cpu, "CNTV_CVAL_EL0", t.cval, "__timer_restore_state");
        k.archTimer.timerWrite(cpu, "CNTV_CTL_EL0", t.ctlToRestore(), "__timer_restore_state");
        t.loaded = true;
        k.touch(v);
        t.cntvoffStale = false;
    }

    /** v4.14 {@code __timer_save_state} in the world switch: CTL, CVAL saved, the timer off, CNTVOFF 0. */
    void saveTimerOnExit(int cpu, Vcpu v) {
        TimerContext t = v.vtimer;
        long ctl = k.archTimer.timerRead(cpu, "CNTV_CTL_EL0", "__timer_save_state (v4.14, every exit)");
        long cval = k.archTimer.timerRead(cpu, "CNTV_CVAL_EL0", "__timer_save_state");
        t.saveCtl(ctl);
        t.cval = cval;
        k.touch(v);
        k.archTimer.timerWrite(cpu, "CNTV_CTL_EL0", 0, "__timer_save_state: timer off before host interrupts are on");
        k.archTimer.timerWrite(cpu, "CNTVOFF_EL2", 0, "__timer_save_state");
        t.loaded = false;
        k.touch(v);
    }

    /** {@code handle_exit}: what the exit asks for, then the next turn of the loop (or its end). */
    void handleExit(int cpu, long packed, Frame f) {
        ExitReason reason = ExitReason.of((int) (packed & 0xff));
        switch (reason) {
            case HVC -> {
                k.note(cpu, "hypercall handled: back to the guest", "handle_hvc");
                f.then(KernelFunction.RUN_LOOP);
            }
            case WFI -> {
                f.call(KernelFunction.KVM_HANDLE_WFX);
                f.then(KernelFunction.RUN_LOOP);
            }
            case IRQ, KICK -> {
                k.note(cpu, "nothing to emulate: back to the run loop", "handle_exit: ARM_EXCEPTION_IRQ");
                f.then(KernelFunction.RUN_LOOP);
            }
            case HOST_HRTIMER -> {
                k.note(cpu, "nothing to emulate: the host ran its hrtimer; back to the run loop",
                        "handle_exit: ARM_EXCEPTION_IRQ");
                f.then(KernelFunction.RUN_LOOP);
            }
            case MAINTENANCE -> {
                k.note(cpu, "nothing to emulate: the maintenance interrupt only made the guest exit "
                        + "(vgic_maintenance_handler does nothing; the LR save cleared ICH_HCR_EL2)",
                        "handle_exit: ARM_EXCEPTION_IRQ");
                f.then(KernelFunction.RUN_LOOP);
            }
            case SYSREG -> {
                f.call(KernelFunction.KVM_HANDLE_SYS_REG);
                f.then(KernelFunction.RUN_LOOP);
            }
            case MMIO_GIC -> {
                f.call(KernelFunction.KVM_VGIC_MMIO_WRITE_ENABLE, packed >> 8);
                f.then(KernelFunction.RUN_LOOP);
            }
            case MMIO_USERSPACE -> {
                // the loop ends: kvm_arch_vcpu_ioctl_run returns, kvm_vcpu_ioctl puts the vCPU and returns
                k.note(cpu, "KVM_EXIT_MMIO: the VMM emulates the device", "io_mem_abort");
            }
            default -> throw new IllegalStateException(reason.name());
        }
    }
}
