package vtimerlab.engine.schema;

import vtimerlab.engine.kvm.Stats;

/**
 * The figures {@code stats.*} counts: what the hypervisor's work has cost in this run. Only the hypervisor's own
 * accesses count: the guest programs its virtual timer and acknowledges its interrupts without trapping. Each entry
 * is read by {@code Machine.read}, listed by {@code --state}, compared by {@code vtimer-lab compare}, drawn by the
 * counters view and documented in the language reference, all from here.
 */
public enum Stat {
    TIMER_SYSREG_READS("timer_sysreg_reads", "timer register reads",
            "reads of CNTV_CTL_EL0, CNTV_CVAL_EL0 or CNTVOFF_EL2 made by the hypervisor (not the guest's own)"),
    TIMER_SYSREG_WRITES("timer_sysreg_writes", "timer register writes",
            "writes of CNTV_CTL_EL0, CNTV_CVAL_EL0 or CNTVOFF_EL2 made by the hypervisor (not the guest's own)"),
    GIC_ACCESSES("gic_accesses", "GIC accesses",
            "the hypervisor's GIC accesses: host ICC_IAR1/EOIR1/DIR, redistributor active-state writes, list "
                    + "registers written at entry and read back at exit"),
    WORLD_SWITCHES("world_switches", "world switches",
            "transitions between guest and hypervisor, counted in each direction"),
    HOST_TIMER_IRQS("host_timer_irqs", "host timer interrupts",
            "host acknowledgements (ICC_IAR1_EL1 reads) that returned the virtual timer's PPI 27"),
    PTIMER_TRAPS("ptimer_traps", "physical timer traps",
            "guest accesses to the emulated EL1 physical timer (CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTP_TVAL_EL0): each "
                    + "one traps to KVM and costs an exit and an entry"),
    MAINTENANCE_EXITS("maintenance_exits", "maintenance exits",
            "exits caused by the vGIC's maintenance interrupt: the guest's EOI of a list register that has its EOI "
                    + "bit set (an interrupt with HW = 0, such as the physical timer's vINTID 30)"),
    CYCLES("cycles", "cycles",
            "the cost model's sum of the work above (most figures are teaching estimates, see CostModel)");

    private final String key;
    private final String label;
    private final String doc;

    Stat(String key, String label, String doc) {
        this.key = key;
        this.label = label;
        this.doc = doc;
    }

    /** The name after {@code stats.}, e.g. {@code world_switches}. */
    public String key() {
        return key;
    }

    /** The state path, e.g. {@code stats.world_switches}. */
    public String path() {
        return "stats." + key;
    }

    /** A short label for tables and charts. */
    public String label() {
        return label;
    }

    /** What it counts, in a sentence. */
    public String doc() {
        return doc;
    }

    /** This figure in {@code stats}. */
    public long of(Stats stats) {
        return switch (this) {
            case TIMER_SYSREG_READS -> stats.timerSysregReads();
            case TIMER_SYSREG_WRITES -> stats.timerSysregWrites();
            case GIC_ACCESSES -> stats.gicAccesses();
            case WORLD_SWITCHES -> stats.worldSwitches();
            case HOST_TIMER_IRQS -> stats.hostTimerIrqs();
            case PTIMER_TRAPS -> stats.ptimerTraps();
            case MAINTENANCE_EXITS -> stats.maintenanceExits();
            case CYCLES -> stats.cycles();
        };
    }

    /** The stat named {@code key} (after {@code stats.}), or null. */
    public static Stat byKey(String key) {
        for (Stat s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
