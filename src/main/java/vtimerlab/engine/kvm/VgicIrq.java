package vtimerlab.engine.kvm;

import vtimerlab.engine.hardware.InterruptState;
import vtimerlab.engine.hardware.PrivateInterrupt;

/**
 * KVM's {@code struct vgic_irq} for one private interrupt of one vCPU (virt/kvm/arm/vgic/vgic.c): the line level the
 * emulated device drives, the active state as last synced from the LRs, the guest's enable, the mapping to a
 * physical INTID ({@code kvm_vgic_map_phys_irq}) and whether it sits on the vCPU's ap_list.
 */
public final class VgicIrq {
    final int intid;
    boolean lineLevel;
    boolean pendingLatch;
    boolean active;
    boolean enabled;
    int priority = PrivateInterrupt.DEFAULT_PRIORITY;
    boolean hw;
    int hwintid;
    boolean queued;

    VgicIrq(int intid) {
        this.intid = intid;
    }

    VgicIrq(VgicIrq o) {
        this.intid = o.intid;
        this.lineLevel = o.lineLevel;
        this.pendingLatch = o.pendingLatch;
        this.active = o.active;
        this.enabled = o.enabled;
        this.priority = o.priority;
        this.hw = o.hw;
        this.hwintid = o.hwintid;
        this.queued = o.queued;
    }

    /** {@code irq_is_pending}: a level interrupt is pending while its line is high or its latch is set. */
    public boolean pending() {
        return pendingLatch || lineLevel;
    }

    public boolean active() {
        return active;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean lineLevel() {
        return lineLevel;
    }

    public boolean queued() {
        return queued;
    }

    public InterruptState state() {
        return InterruptState.of(pending(), active);
    }
}
