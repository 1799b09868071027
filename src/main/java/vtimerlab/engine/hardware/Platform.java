package vtimerlab.engine.hardware;

import java.util.function.IntConsumer;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.NotCopiedBySnapshot;
import vtimerlab.engine.core.Simulation;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;

/**
 * The machine's silicon: one system counter (the simulation's clock) and the physical CPUs. It keeps the rules
 * that connect the parts: a timer register write re-evaluates the output line, the line drives PPI 27's level in the
 * same CPU's redistributor, and any change of what the GIC signals is reported to the CPU (the listener), which is
 * how the hypervisor learns that an interrupt wants to be taken.
 */
public final class Platform {
    @NotCopiedBySnapshot("the copied simulation, passed in")
    private final Simulation sim;
    private final PhysicalCpu[] cpus;
    private final Event[] conditionEvents;
    @NotCopiedBySnapshot("wired again by KVM's copy")
    private IntConsumer attention = cpu -> { };
    @NotCopiedBySnapshot("wired again by the machine")
    private AckListener ackListener = (cpu, intid, wasActive) -> { };

    /** Told of every host acknowledge: which INTID, and whether it was already active (it never should be). */
    @FunctionalInterface
    public interface AckListener {
        void acknowledged(int cpu, int intid, boolean wasActive);
    }

    public void onAcknowledge(AckListener listener) {
        this.ackListener = listener;
    }

    public Platform(Simulation sim, int pcpus, int listRegisters, boolean hostEoiMode1) {
        this.sim = sim;
        this.cpus = new PhysicalCpu[pcpus];
        this.conditionEvents = new Event[pcpus];
        for (int i = 0; i < pcpus; i++) {
            cpus[i] = new PhysicalCpu(i, listRegisters, hostEoiMode1);
        }
    }

    /** A copy for a snapshot, on the copied simulation; listeners are wired again by the machine. */
    public Platform(Platform o, Simulation sim, java.util.Map<Event, Event> remap) {
        this.sim = sim;
        this.cpus = new PhysicalCpu[o.cpus.length];
        this.conditionEvents = new Event[o.cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new PhysicalCpu(o.cpus[i]);
            conditionEvents[i] = vtimerlab.engine.core.EventQueue.remap(o.conditionEvents[i], remap);
        }
    }

    /** Who to tell when what a CPU's GIC signals may have changed. */
    public void onAttention(IntConsumer listener) {
        this.attention = listener;
    }

    public int count() {
        return cpus.length;
    }

    public PhysicalCpu cpu(int i) {
        return cpus[i];
    }

    /** The system counter (CNTPCT_EL0): one for the whole machine (ARM ARM D11.1). */
    public long counter() {
        return sim.now();
    }

    // ---- the virtual timer ------------------------------------------------------------------------------------

    public long readTimer(int cpu, String register) {
        GenericTimer t = cpus[cpu].timer();
        long now = counter();
        return switch (register) {
            case "CNTV_CTL_EL0" -> t.readCtl(now);
            case "CNTV_CVAL_EL0" -> t.cval();
            case "CNTV_TVAL_EL0" -> t.readTval(now);
            case "CNTVCT_EL0" -> t.virtualCount(now);
            case "CNTVOFF_EL2" -> t.cntvoff();
            default -> throw new IllegalArgumentException(register);
        };
    }

    /** A write to a timer register of {@code cpu}; the line and the condition event are re-evaluated at once. */
    public void writeTimer(int cpu, String register, long value) {
        sim.touchCpu(cpu);
        GenericTimer t = cpus[cpu].timer();
        switch (register) {
            case "CNTV_CTL_EL0" -> t.writeCtl(value);
            case "CNTV_CVAL_EL0" -> t.writeCval(value);
            case "CNTV_TVAL_EL0" -> t.writeTval(counter(), value);
            case "CNTVOFF_EL2" -> t.writeCntvoff(value);
            default -> throw new IllegalArgumentException(register);
        }
        boolean tracing = sim.tracing();
        timerChanged(cpu, tracing ? register + " written" : "", tracing ? TimerRegister.valueOf(register) : null);
    }

    /** The timer's condition event fired: ISTATUS and perhaps the line change now. */
    public void onConditionEvent(int cpu) {
        conditionEvents[cpu] = null;
        sim.touchCpu(cpu);
        GenericTimer t = cpus[cpu].timer();
        boolean met = t.conditionMet(counter());
        sim.trace(cpu, "timer", Kind.STATE, Subject.register(TimerRegister.CNTV_CTL_EL0),
                met ? "CNTVCT reaches CVAL: ISTATUS := 1" : "CNTVCT wraps to 0: ISTATUS := 0",
                "ARM ARM D11.2.4: the condition is CNTVCT >= CVAL, unsigned");
        timerChanged(cpu, met ? "timer condition met" : "virtual count wrapped", null);
    }

    /** {@code written}: the register whose write changed the output, or null for the condition changing by itself. */
    private void timerChanged(int cpu, String why, TimerRegister written) {
        GenericTimer t = cpus[cpu].timer();
        long now = counter();
        boolean out = t.output(now);
        PrivateInterrupt ppi = cpus[cpu].vtimerIrq();
        if (out != ppi.level()) {
            InterruptState before = ppi.state();
            cpus[cpu].redistributor().setLevel(Redistributor.VTIMER_INTID, out);
            if (sim.tracing()) {
                Subject s = new Subject(written, Redistributor.VTIMER_INTID, -1).changing(
                        GicState.named(before.name()), GicState.named(ppi.state().name()));
                sim.trace(cpu, "timer", Kind.STATE, s, "output line "
                        + (out ? "rises" : "falls")
                        + "; PPI 27 " + before.pathName() + " -> " + ppi.state().pathName(),
                        why + " (output = ENABLE && !IMASK && CNTVCT >= CVAL; level-sensitive PPI, GICv3 4.1.2)");
            }
            attention.accept(cpu);
        }
        rescheduleCondition(cpu);
    }

    private void rescheduleCondition(int cpu) {
        sim.cancel(conditionEvents[cpu]);
        conditionEvents[cpu] = null;
        GenericTimer t = cpus[cpu].timer();
        if (!t.enabled()) {
            return; // only an enabled timer's condition matters (its ISTATUS is read on demand)
        }
        long now = counter();
        long d = t.ticksUntilConditionChanges(now);
        if (d == 0 || Long.compareUnsigned(now + d, now) < 0) {
            return; // never, or beyond the end of the 64-bit counter
        }
        conditionEvents[cpu] = sim.schedule(now + d, HardwareEvent.TIMER_CONDITION, cpu, -1, 0);
    }

    // ---- the GIC ----------------------------------------------------------------------------------------------

    /** Host ICC_IAR1_EL1 read on {@code cpu}. */
    public int hostAcknowledge(int cpu) {
        sim.touchCpu(cpu);
        PhysicalCpu c = cpus[cpu];
        int candidate = c.signalledInterrupt();
        boolean wasActive = candidate != CpuInterface.SPURIOUS && c.redistributor().irq(candidate).active();
        int intid = c.cpuInterface().acknowledge(c.redistributor());
        if (intid != CpuInterface.SPURIOUS) {
            ackListener.acknowledged(cpu, intid, wasActive);
        }
        attention.accept(cpu);
        return intid;
    }

    /** Host ICC_EOIR1_EL1 write; returns true if it also deactivated (EOImode 0). */
    public boolean hostEndOfInterrupt(int cpu, int intid) {
        sim.touchCpu(cpu);
        PhysicalCpu c = cpus[cpu];
        boolean deactivated = c.cpuInterface().endOfInterrupt(c.redistributor(), intid);
        attention.accept(cpu);
        return deactivated;
    }

    /** Host ICC_DIR_EL1 write; returns false if ignored (EOImode 0). */
    public boolean hostDeactivate(int cpu, int intid) {
        sim.touchCpu(cpu);
        PhysicalCpu c = cpus[cpu];
        boolean done = c.cpuInterface().deactivate(c.redistributor(), intid);
        attention.accept(cpu);
        return done;
    }

    /** GICR_ISACTIVER0 / GICR_ICACTIVER0 write ({@code irq_set_irqchip_state(..., IRQCHIP_STATE_ACTIVE, ...)}). */
    public void setActive(int cpu, int intid, boolean active) {
        sim.touchCpu(cpu);
        cpus[cpu].redistributor().setActive(intid, active);
        attention.accept(cpu);
    }

    /** GICR_ISENABLER0 / GICR_ICENABLER0 write. */
    public void setEnabled(int cpu, int intid, boolean enabled) {
        sim.touchCpu(cpu);
        cpus[cpu].redistributor().setEnabled(intid, enabled);
        attention.accept(cpu);
    }

    /** Guest EOI through the virtual CPU interface of {@code cpu}. */
    public VirtualCpuInterface.EoiResult guestEndOfInterrupt(int cpu, VirtualPriorities vp, int vintid) {
        sim.touchCpu(cpu);
        PhysicalCpu c = cpus[cpu];
        VirtualCpuInterface.EoiResult r = c.virtualInterface().endOfInterrupt(vp, vintid, c.redistributor());
        attention.accept(cpu);
        return r;
    }
}
