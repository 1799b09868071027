package vtimerlab.engine.hardware;

/**
 * The SGIs and PPIs (INTIDs 0-31) of one CPU's GICv3 redistributor. The virtual timer drives PPI 27
 * (DT {@code arm,armv8-timer}; arch_timer.c {@code default_vtimer_irq}).
 */
public final class Redistributor {
    public static final int VTIMER_INTID = 27;
    public static final int PRIVATE_INTIDS = 32;

    private final PrivateInterrupt[] irqs = new PrivateInterrupt[PRIVATE_INTIDS];
    /**
     * Bit i set while INTID i is pending, enabled and not active: the candidates the CPU interface may signal, kept
     * up to date by every change below so that finding the signalled interrupt does not walk all 32 each time.
     */
    private int candidates;

    public Redistributor() {
        for (int i = 0; i < PRIVATE_INTIDS; i++) {
            irqs[i] = new PrivateInterrupt(i);
        }
    }

    public Redistributor(Redistributor o) {
        for (int i = 0; i < PRIVATE_INTIDS; i++) {
            irqs[i] = new PrivateInterrupt(o.irqs[i]);
        }
        candidates = o.candidates;
    }

    private void changed(int intid) {
        PrivateInterrupt p = irqs[intid];
        if (p.pending() && p.enabled() && !p.active()) {
            candidates |= 1 << intid;
        } else {
            candidates &= ~(1 << intid);
        }
    }

    public PrivateInterrupt irq(int intid) {
        return irqs[intid];
    }

    public static boolean isPrivate(int intid) {
        return intid >= 0 && intid < PRIVATE_INTIDS;
    }

    /** The timer's output line drives the PPI's level. */
    public void setLevel(int intid, boolean level) {
        irqs[intid].setLevel(level);
        changed(intid);
    }

    /** GICR_ISACTIVER0 / GICR_ICACTIVER0 write: sets or clears the active bit, priorities untouched (GICv3 4.1.2). */
    public void setActive(int intid, boolean active) {
        irqs[intid].setActive(active);
        changed(intid);
    }

    /** GICR_ISENABLER0 / GICR_ICENABLER0 write. */
    public void setEnabled(int intid, boolean enabled) {
        irqs[intid].setEnabled(enabled);
        changed(intid);
    }

    public void setForwarded(int intid, boolean forwarded) {
        irqs[intid].setForwarded(forwarded);
    }

    /** Deactivation (EOIR in EOImode 0, DIR, or a guest deactivation through an LR with HW=1). */
    public void deactivate(int intid) {
        irqs[intid].setActive(false);
        changed(intid);
    }

    /** Acknowledge: pending to active; a level interrupt whose line is still high is active and pending. */
    public void acknowledge(int intid) {
        irqs[intid].setActive(true);
        irqs[intid].clearLatch();
        changed(intid);
    }

    /**
     * The interrupt the redistributor signals to the CPU interface: the highest-priority (lowest value) pending,
     * enabled, not active interrupt whose priority beats {@code threshold} (min of PMR and running priority), or -1.
     * An active interrupt is never signalled again until deactivated (GICv3 4.1.2).
     */
    /** Some interrupt is pending, enabled and not active (whatever the priorities). */
    public boolean anyCandidate() {
        return candidates != 0;
    }

    public int highestSignalled(int threshold) {
        int best = -1;
        int bestPrio = threshold;
        for (int bits = candidates; bits != 0; bits &= bits - 1) {
            PrivateInterrupt p = irqs[Integer.numberOfTrailingZeros(bits)];
            if (p.priority() < bestPrio) {
                best = p.intid();
                bestPrio = p.priority();
            }
        }
        return best;
    }
}
