package vtimerlab.engine.hardware;

/**
 * The virtual CPU interface of one physical CPU (GICv3 ch. 6): the list registers, and what the guest's
 * ICC_IAR1_EL1 / ICC_EOIR1_EL1 / ICC_DIR_EL1 accesses do to them (with HCR_EL2.IMO=1 they go to the ICV_*
 * registers, no trap). The guest's priority state comes from the vCPU that runs here.
 */
public final class VirtualCpuInterface {
    private final ListRegister[] lrs;

    public VirtualCpuInterface(int count) {
        lrs = new ListRegister[count];
        for (int i = 0; i < count; i++) {
            lrs[i] = new ListRegister();
        }
    }

    public VirtualCpuInterface(VirtualCpuInterface o) {
        lrs = new ListRegister[o.lrs.length];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = new ListRegister(o.lrs[i]);
        }
    }

    public int count() {
        return lrs.length;
    }

    public ListRegister lr(int i) {
        return lrs[i];
    }

    /** Some list register holds an interrupt. */
    public boolean anyValid() {
        for (ListRegister lr : lrs) {
            if (lr.valid()) {
                return true;
            }
        }
        return false;
    }

    /** The LR the guest would acknowledge now (ignoring PSTATE.I), or -1. */
    public int signalledLr(VirtualPriorities vp) {
        int threshold = Math.min(vp.pmr(), vp.runningPriority());
        int best = -1;
        for (int i = 0; i < lrs.length; i++) {
            ListRegister lr = lrs[i];
            if (lr.state() == ListRegister.State.PENDING && lr.priority() < threshold
                    && (best < 0 || lr.priority() < lrs[best].priority())) {
                best = i;
            }
        }
        return best;
    }

    /** True if some LR holds a pending interrupt: a WFI wake-up event even with PSTATE.I set (ARM ARM WFI). */
    public boolean anyPending(VirtualPriorities vp) {
        return signalledLr(vp) >= 0;
    }

    /**
     * Guest ICC_IAR1_EL1 (ICV_IAR1_EL1): the highest-priority pending LR above the virtual priority threshold goes
     * pending to active; returns its vINTID, or 1023.
     */
    public int acknowledge(VirtualPriorities vp) {
        int i = signalledLr(vp);
        if (i < 0) {
            return CpuInterface.SPURIOUS;
        }
        ListRegister lr = lrs[i];
        lr.setState(ListRegister.State.ACTIVE);
        vp.push(lr.vintid(), lr.priority());
        return lr.vintid();
    }

    /** Result of a guest EOI: which LR was deactivated and whether a physical INTID was deactivated through HW=1. */
    public record EoiResult(int lr, int physicalDeactivated) {
        public static final EoiResult NONE = new EoiResult(-1, -1);
    }

    /**
     * Guest ICC_EOIR1_EL1 with EOImode 0 (ICH_VMCR_EL2.VEOIM=0, the Linux guest): virtual priority drop, then
     * deactivation of the LR holding vINTID in an active state (active to invalid, pending+active to pending). With
     * HW=1 the physical pINTID on this CPU is deactivated too (GICv3 ICH_LR&lt;n&gt;_EL2.HW; QEMU icv_deactivate_irq).
     *
     * @param deactivatePhysical where a HW deactivation goes: the CPU's redistributor
     */
    public EoiResult endOfInterrupt(VirtualPriorities vp, int vintid, Redistributor deactivatePhysical) {
        if (vintid >= 1020) {
            return EoiResult.NONE;
        }
        vp.drop();
        for (int i = 0; i < lrs.length; i++) {
            ListRegister lr = lrs[i];
            if (lr.vintid() == vintid && lr.state().active()) {
                lr.setState(lr.state() == ListRegister.State.PENDING_ACTIVE
                        ? ListRegister.State.PENDING : ListRegister.State.INVALID);
                int phys = -1;
                if (lr.hw() && Redistributor.isPrivate(lr.pintid())) {
                    phys = lr.pintid();
                    deactivatePhysical.deactivate(phys);
                }
                return new EoiResult(i, phys);
            }
        }
        return EoiResult.NONE; // no LR: ICH_HCR_EL2.EOIcount + 1 (no maintenance interrupt enabled by KVM here)
    }
}
