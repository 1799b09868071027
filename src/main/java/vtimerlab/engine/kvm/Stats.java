package vtimerlab.engine.kvm;

/**
 * What the hypervisor's work has cost in this run (scenario paths {@code stats.*}, one
 * {@link vtimerlab.engine.schema.Stat} each). Only the hypervisor's accesses count: the guest programs its timer and
 * acknowledges its interrupts without trapping. The kernel pieces count into the fields; everyone else reads a
 * copy.
 */
public final class Stats {
    long timerSysregReads;
    long timerSysregWrites;
    long gicAccesses;
    long worldSwitches;
    long hostTimerIrqs;
    long ptimerTraps;
    long maintenanceExits;
    long cycles;

    public Stats() {
    }

    public Stats(Stats o) {
        timerSysregReads = o.timerSysregReads;
        timerSysregWrites = o.timerSysregWrites;
        gicAccesses = o.gicAccesses;
        worldSwitches = o.worldSwitches;
        hostTimerIrqs = o.hostTimerIrqs;
        ptimerTraps = o.ptimerTraps;
        maintenanceExits = o.maintenanceExits;
        cycles = o.cycles;
    }

    public long timerSysregReads() {
        return timerSysregReads;
    }

    public long timerSysregWrites() {
        return timerSysregWrites;
    }

    public long gicAccesses() {
        return gicAccesses;
    }

    public long worldSwitches() {
        return worldSwitches;
    }

    public long hostTimerIrqs() {
        return hostTimerIrqs;
    }

    /** Guest accesses to CNTP_CTL/CVAL/TVAL_EL0, each a trap to KVM. */
    public long ptimerTraps() {
        return ptimerTraps;
    }

    /** Exits caused by the vGIC's maintenance interrupt (an EOI of a list register with its EOI bit set). */
    public long maintenanceExits() {
        return maintenanceExits;
    }

    public long cycles() {
        return cycles;
    }
}
