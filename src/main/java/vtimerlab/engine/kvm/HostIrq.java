package vtimerlab.engine.kvm;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.hardware.CpuInterface;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;

/**
 * The host's interrupt path, {@code drivers/irqchip/irq-gic-v3.c}: {@code gic_handle_irq} (acknowledge, and with
 * EOImode 1 the priority drop at once), the flow handler's action ({@code kvm_arch_timer_handler}, which
 * {@link ArchTimer} and the version provide) and the chip's EOI ({@code gic_eoimode1_eoi_irq}: no deactivation for
 * an interrupt forwarded to a vCPU). Also the storm watchdog, which stops an interrupt storm a fault can cause.
 */
final class HostIrq {
    /** Host timer interrupts at one instant on one CPU beyond which the watchdog calls it a storm. */
    static final int STORM_LIMIT = 64;

    private static final Subject IAR = Subject.register(TimerRegister.ICC_IAR1_EL1);

    private final Kvm k;

    HostIrq(Kvm k) {
        this.k = k;
    }

    /** A counted host access to the CPU interface. */
    private void gicAccess(int cpu, Subject subject, String what) {
        k.stats.gicAccesses++;
        k.stats.cycles += CostModel.GIC_SYSREG.cycles();
        k.sim.trace(cpu, "host", Kind.GIC, subject, what, "counted GIC access");
    }

    /**
     * {@code gic_handle_irq} (irq-gic-v3.c, v4.15): {@code do { irqnr = gic_read_iar(); ... } while (irqnr !=
     * ICC_IAR1_EL1_SPURIOUS)}: the loop's first turn starts at once.
     */
    void gicHandleIrq(Frame f) {
        f.enter(KernelFunction.GIC_READ_IAR, 0);
    }

    /**
     * One turn of {@code gic_handle_irq}'s loop: acknowledge. For an INTID: the priority drop at once
     * ({@code gic_write_eoir}, EOImode 1), the flow handler's action ({@code kvm_arch_timer_handler} for the timer),
     * the chip's EOI, and the next turn. For 1023 the loop ends; that read was counted like the others.
     */
    void gicReadIar(int cpu, Frame f) {
        HostCpu hc = k.cpus[cpu];
        gicAccess(cpu, IAR, "host ICC_IAR1_EL1 read");
        int intid = k.hw.hostAcknowledge(cpu);
        if (intid == CpuInterface.SPURIOUS) {
            k.sim.trace(cpu, "gic", Kind.GIC, Subject.register(TimerRegister.ICC_IAR1_EL1, CpuInterface.SPURIOUS),
                    "ICC_IAR1_EL1 -> 1023 (spurious)", "nothing signalled any more: gic_handle_irq's loop ends");
            return;
        }
        if (k.sim.tracing()) {
            k.sim.trace(cpu, "gic", Kind.GIC, Subject.register(TimerRegister.ICC_IAR1_EL1, intid).changing(null,
                    GicState.named(k.hw.cpu(cpu).redistributor().irq(intid).state().name())),
                    "ICC_IAR1_EL1 -> " + intid + "; PPI " + intid + " "
                    + k.hw.cpu(cpu).redistributor().irq(intid).state().pathName(), "GICv3 4.1.2: acknowledge");
        }
        if (intid == Redistributor.VTIMER_INTID) {
            k.stats.hostTimerIrqs++;
            if (hc.stormTime != k.sim.now()) {
                hc.stormTime = k.sim.now();
                hc.stormCount = 0;
            }
            if (++hc.stormCount > STORM_LIMIT && !hc.stormStopped) {
                hc.stormStopped = true;
                k.violations.accept("interrupt storm on pcpu" + cpu + ": more than " + STORM_LIMIT
                        + " host timer interrupts at t=" + k.sim.now() + "; the watchdog disables PPI 27 there");
                k.hw.setEnabled(cpu, Redistributor.VTIMER_INTID, false);
            }
        }
        // with EOImode 1 (supports_deactivate) the priority drop comes first and the chip's EOI deactivates, or not;
        // with EOImode 0 (a fault here) the flow handler's chip EOI (gic_eoi_irq) writes EOIR after the handler
        boolean split = k.hw.cpu(cpu).cpuInterface().eoiMode1();
        if (split) {
            f.then(KernelFunction.GIC_WRITE_EOIR, intid);
        }
        if (intid == Redistributor.VTIMER_INTID) {
            f.then(KernelFunction.KVM_ARCH_TIMER_HANDLER, intid);
        }
        f.then(split ? KernelFunction.GIC_EOIMODE1_EOI_IRQ : KernelFunction.GIC_EOI_IRQ, intid);
        f.then(KernelFunction.GIC_READ_IAR);
    }

    /** {@code gic_write_eoir}: priority drop; with EOImode 0 (a fault here) it deactivates too. */
    void gicWriteEoir(int cpu, int intid) {
        gicAccess(cpu, Subject.register(TimerRegister.ICC_EOIR1_EL1, intid),
                k.sim.tracing() ? "host ICC_EOIR1_EL1 := " + intid : "");
        boolean deactivated = k.hw.hostEndOfInterrupt(cpu, intid);
        if (k.sim.tracing()) {
            PhysicalCpu pc = k.hw.cpu(cpu);
            Subject s = Subject.register(TimerRegister.ICC_EOIR1_EL1, intid);
            k.sim.trace(cpu, "gic", Kind.GIC, deactivated ? s.changing(null,
                    GicState.named(pc.redistributor().irq(intid).state().name())) : s,
                    "priority drop: running priority 0x"
                    + Integer.toHexString(pc.cpuInterface().runningPriority())
                    + (deactivated ? "; EOImode 0 also deactivates: PPI " + intid + " "
                    + pc.redistributor().irq(intid).state().pathName()
                    : "; EOImode 1: PPI " + intid + " stays " + pc.redistributor().irq(intid).state()
                    .pathName()), "GICv3 4.1.1, ICC_CTLR_EL1.EOImode");
        }
    }

    /** {@code gic_eoimode1_eoi_irq}: deactivate (ICC_DIR_EL1) unless the interrupt is forwarded to a vCPU. */
    void gicEoimode1EoiIrq(int cpu, int intid) {
        PhysicalCpu pc = k.hw.cpu(cpu);
        if (pc.redistributor().irq(intid).forwarded()) {
            if (k.sim.tracing()) {
                k.note(cpu, Subject.intid(intid), "PPI " + intid + " is forwarded to a vCPU: no DIR, it stays "
                        + pc.redistributor().irq(intid).state().pathName(), "irq-gic-v3.c gic_eoimode1_eoi_irq");
            }
        } else {
            gicAccess(cpu, Subject.register(TimerRegister.ICC_DIR_EL1, intid),
                    k.sim.tracing() ? "host ICC_DIR_EL1 := " + intid : "");
            k.hw.hostDeactivate(cpu, intid);
            if (k.sim.tracing()) {
                k.sim.trace(cpu, "gic", Kind.GIC, Subject.register(TimerRegister.ICC_DIR_EL1, intid).changing(null,
                        GicState.named(pc.redistributor().irq(intid).state().name())), "PPI " + intid + " deactivated: "
                        + pc.redistributor().irq(intid).state().pathName(), "ICC_DIR_EL1 (not forwarded)");
            }
        }
    }

    /** The watchdog's count of guest exits for physical interrupts at one instant (a storm through the guest). */
    void countExitForStorm(Vcpu v) {
        HostCpu hc = k.cpus[v.pcpu];
        if (hc.exitStormTime != k.sim.now()) {
            hc.exitStormTime = k.sim.now();
            hc.exitStormCount = 0;
        }
        if (++hc.exitStormCount > STORM_LIMIT && !hc.stormStopped) {
            hc.stormStopped = true;
            k.violations.accept("exit storm on pcpu" + v.pcpu + ": " + v.name() + " was interrupted more than "
                    + STORM_LIMIT + " times at t=" + k.sim.now() + "; the watchdog disables PPI 27 there");
            k.hw.setEnabled(v.pcpu, Redistributor.VTIMER_INTID, false);
        }
    }
}
