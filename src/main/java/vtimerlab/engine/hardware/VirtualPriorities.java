package vtimerlab.engine.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest's view of its virtual CPU interface priorities: the virtual PMR (ICH_VMCR_EL2.VPMR) and the virtual
 * active priorities (ICH_AP1R&lt;n&gt;_EL2). KVM saves and restores them with the vCPU, so they belong to the vCPU and
 * travel with it when it migrates.
 */
public final class VirtualPriorities {
    private int pmr = CpuInterface.DEFAULT_PMR;
    private final List<int[]> active = new ArrayList<>();

    public VirtualPriorities() {
    }

    public VirtualPriorities(VirtualPriorities o) {
        this.pmr = o.pmr;
        for (int[] a : o.active) {
            active.add(a.clone());
        }
    }

    public int pmr() {
        return pmr;
    }

    public int runningPriority() {
        int rp = CpuInterface.IDLE_PRIORITY;
        for (int[] a : active) {
            rp = Math.min(rp, a[1]);
        }
        return rp;
    }

    void push(int intid, int priority) {
        active.add(new int[] {intid, priority});
    }

    void drop() {
        int best = -1;
        for (int i = 0; i < active.size(); i++) {
            if (best < 0 || active.get(i)[1] <= active.get(best)[1]) {
                best = i;
            }
        }
        if (best >= 0) {
            active.remove(best);
        }
    }
}
