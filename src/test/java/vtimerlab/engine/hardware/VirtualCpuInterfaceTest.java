package vtimerlab.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The virtual CPU interface and list registers (GICv3 ch. 6; semantics.md §3.1). */
class VirtualCpuInterfaceTest {
    private static final int PPI = Redistributor.VTIMER_INTID;

    private final VirtualCpuInterface vif = new VirtualCpuInterface(4);
    private final VirtualPriorities vp = new VirtualPriorities();
    private final Redistributor physical = new Redistributor();

    @Test
    void theGuestAcknowledgesAPendingListRegister() {
        // GICv3 ICV_IAR1_EL1: highest-priority pending LR above the virtual PMR goes pending -> active
        vif.lr(0).write(ListRegister.State.PENDING, true, PPI, PPI, 0xA0);
        assertThat(vif.acknowledge(vp)).isEqualTo(PPI);
        assertThat(vif.lr(0).state()).isEqualTo(ListRegister.State.ACTIVE);
        assertThat(vif.acknowledge(vp)).isEqualTo(CpuInterface.SPURIOUS);
    }

    @Test
    void aGuestEoiOfAHwListRegisterDeactivatesThePhysicalInterruptToo() {
        // GICv3 ICH_LR<n>_EL2.HW: the guest's deactivation of vINTID also deactivates pINTID on this CPU
        physical.setLevel(PPI, true);
        physical.acknowledge(PPI); // the host took it and only dropped its priority
        physical.setLevel(PPI, false);
        vif.lr(0).write(ListRegister.State.PENDING, true, PPI, PPI, 0xA0);
        vif.acknowledge(vp);
        VirtualCpuInterface.EoiResult r = vif.endOfInterrupt(vp, PPI, physical);
        assertThat(r.physicalDeactivated()).isEqualTo(PPI);
        assertThat(vif.lr(0).state()).isEqualTo(ListRegister.State.INVALID);
        assertThat(physical.irq(PPI).state()).isEqualTo(InterruptState.INACTIVE);
    }

    @Test
    void withoutTheHwBitThePhysicalInterruptStaysActive() {
        // GICv3 ch. 6: HW=0 means the LR has no physical counterpart (semantics.md §7 "HW bit in the LR")
        physical.setActive(PPI, true);
        vif.lr(0).write(ListRegister.State.PENDING, false, PPI, PPI, 0xA0);
        vif.acknowledge(vp);
        vif.endOfInterrupt(vp, PPI, physical);
        assertThat(physical.irq(PPI).active()).isTrue();
        assertThat(vif.lr(0).pintid()).isZero();
    }

    @Test
    void eoiOfPendingActiveLeavesItPending() {
        // GICv3 ICV_EOIR1_EL1 (EOImode 0): pending+active -> pending
        vif.lr(1).write(ListRegister.State.PENDING_ACTIVE, false, 26, 0, 0xA0);
        vif.endOfInterrupt(vp, 26, physical);
        assertThat(vif.lr(1).state()).isEqualTo(ListRegister.State.PENDING);
    }

    @Test
    void thePriorityOfAnAcknowledgedInterruptHoldsOffTheNextUntilItsEoi() {
        // GICv3 ICV_IAR1_EL1: signalled only above the virtual running priority
        vif.lr(0).write(ListRegister.State.PENDING, false, 26, 0, 0xA0);
        vif.lr(1).write(ListRegister.State.PENDING, true, PPI, PPI, 0xA0);
        int first = vif.acknowledge(vp);
        assertThat(vif.signalledLr(vp)).isEqualTo(-1);
        vif.endOfInterrupt(vp, first, physical);
        assertThat(vif.signalledLr(vp)).isGreaterThanOrEqualTo(0);
    }
}
