package vtimerlab.engine.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical GICv3 CPU interface of one CPU as the host uses it: ICC_IAR1_EL1, ICC_EOIR1_EL1, ICC_DIR_EL1,
 * ICC_CTLR_EL1.EOImode, ICC_PMR_EL1 and the running priority (GICv3 4.1, 4.8; QEMU arm_gicv3_cpuif.c as an executable
 * model).
 */
public final class CpuInterface {
    /** Spurious INTID returned by an acknowledge with nothing signalled. */
    public static final int SPURIOUS = 1023;
    /** Linux's {@code DEFAULT_PMR_VALUE} (irq-gic-v3.c). */
    public static final int DEFAULT_PMR = 0xF0;
    /** Running priority with nothing active. */
    public static final int IDLE_PRIORITY = 0xFF;

    private boolean eoiMode1;
    private int pmr = DEFAULT_PMR;
    /** Acknowledged, not yet priority-dropped interrupts: {intid, priority}. */
    private final List<int[]> activePriorities = new ArrayList<>();

    public CpuInterface(boolean eoiMode1) {
        this.eoiMode1 = eoiMode1;
    }

    public CpuInterface(CpuInterface o) {
        this.eoiMode1 = o.eoiMode1;
        this.pmr = o.pmr;
        for (int[] a : o.activePriorities) {
            activePriorities.add(a.clone());
        }
    }

    public boolean eoiMode1() {
        return eoiMode1;
    }

    public int pmr() {
        return pmr;
    }

    /** The running priority: the highest (lowest value) acknowledged, not dropped priority, else 0xFF. */
    public int runningPriority() {
        int rp = IDLE_PRIORITY;
        for (int i = 0; i < activePriorities.size(); i++) {
            rp = Math.min(rp, activePriorities.get(i)[1]);
        }
        return rp;
    }

    /** The threshold an interrupt's priority must beat to be signalled: min(PMR, running priority). */
    public int threshold() {
        return Math.min(pmr, runningPriority());
    }

    /** What ICC_IAR1_EL1 would return now (without reading it). */
    public int signalled(Redistributor rd) {
        if (!rd.anyCandidate()) {
            return SPURIOUS; // nothing could be signalled: no need for the priorities
        }
        int intid = rd.highestSignalled(threshold());
        return intid < 0 ? SPURIOUS : intid;
    }

    /** ICC_IAR1_EL1 read: the signalled INTID becomes active, the running priority its priority; or 1023. */
    public int acknowledge(Redistributor rd) {
        int intid = rd.highestSignalled(threshold());
        if (intid < 0) {
            return SPURIOUS;
        }
        rd.acknowledge(intid);
        activePriorities.add(new int[] {intid, rd.irq(intid).priority()});
        return intid;
    }

    /**
     * ICC_EOIR1_EL1 write: priority drop; with EOImode 0 also deactivation, with EOImode 1 the INTID stays active
     * until DIR (GICv3 4.1.1, ICC_CTLR_EL1.EOImode). INTIDs 1020-1023 are ignored.
     *
     * @return true if the write deactivated the interrupt
     */
    public boolean endOfInterrupt(Redistributor rd, int intid) {
        if (intid >= 1020) {
            return false;
        }
        dropPriority(intid);
        if (!eoiMode1 && Redistributor.isPrivate(intid)) {
            rd.deactivate(intid);
            return true;
        }
        return false;
    }

    /**
     * ICC_DIR_EL1 write: deactivates the INTID; meaningful only with EOImode 1 (GICv3 ICC_DIR_EL1).
     *
     * @return false when ignored (EOImode 0)
     */
    public boolean deactivate(Redistributor rd, int intid) {
        if (!eoiMode1 || !Redistributor.isPrivate(intid)) {
            return false;
        }
        rd.deactivate(intid);
        return true;
    }

    private void dropPriority(int intid) {
        int best = -1;
        for (int i = 0; i < activePriorities.size(); i++) {
            if (best < 0 || activePriorities.get(i)[1] <= activePriorities.get(best)[1]) {
                best = i;
            }
        }
        if (best >= 0) {
            activePriorities.remove(best);
        }
    }
}
