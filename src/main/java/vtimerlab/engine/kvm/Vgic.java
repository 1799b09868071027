package vtimerlab.engine.kvm;

import vtimerlab.engine.Fault;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.trace.Subject;

/**
 * {@code virt/kvm/arm/vgic/}: KVM's emulated GIC for each vCPU. Injecting a line level
 * ({@code kvm_vgic_inject_irq}: queue on the ap_list, kick), writing the ap_list into list registers before entry
 * ({@code kvm_vgic_flush_hwstate}, {@code vgic_v3_populate_lr}), reading them back after exit
 * ({@code kvm_vgic_sync_hwstate}: fold, then {@code vgic_prune_ap_list}), the guest's trapped enable writes
 * ({@code vgic-mmio.c}) and the mapping of a virtual to a physical interrupt ({@code kvm_vgic_map_phys_irq}).
 */
final class Vgic {
    private final Kvm k;
    /** Scratch for the flush: the ap_list entries to write, sorted (reused, so a flush allocates nothing). */
    @vtimerlab.engine.core.NotCopiedBySnapshot("scratch: filled at the start of every flush")
    private final VgicIrq[] flushList = new VgicIrq[vtimerlab.engine.hardware.Redistributor.PRIVATE_INTIDS];

    Vgic(Kvm k) {
        this.k = k;
    }

    /** {@code kvm_vgic_map_phys_irq}: every LR for {@code virt} gets HW=1 and pINTID {@code phys}. */
    void mapPhysIrq(Vcpu v, int virt, int phys) {
        k.touch(v);
        VgicIrq irq = v.irqs[virt];
        irq.hw = true;
        irq.hwintid = phys;
        irq.enabled = true;
    }

    /** {@code kvm_vgic_map_is_active}: the active state as last synced (the shadow, not the hardware). */
    boolean mapIsActive(Vcpu v, int intid) {
        return v.irqs[intid].active;
    }

    /**
     * {@code kvm_vgic_inject_irq} then {@code vgic_queue_irq_unlock} (v4.15 vgic.c): sets the line level; if
     * {@code vgic_target_oracle} targets the vCPU (active, or pending and enabled), queues it if it is not queued yet,
     * makes the request {@code KVM_REQ_IRQ_PENDING} and kicks the vCPU.
     */
    void injectIrq(int cpu, Vcpu v, int intid, boolean level) {
        k.touch(v);
        VgicIrq irq = v.irqs[intid];
        irq.lineLevel = level;
        if (!targeted(irq)) {
            return;
        }
        if (!irq.queued) {
            irq.queued = true;
            if (k.sim.tracing()) {
                k.note(cpu, Subject.intid(intid), "kvm_vgic_inject_irq: vINTID " + intid + " queued on " + v.name()
                        + "'s ap_list; kick", "pending and enabled");
            }
        } else {
            if (k.sim.tracing()) {
                k.note(cpu, Subject.intid(intid), "kvm_vgic_inject_irq: vINTID " + intid + " already on " + v.name()
                        + "'s ap_list; kick", "vgic_queue_irq_unlock kicks anyway: the vCPU may not see it until it exits");
            }
        }
        v.requestPending = true;
        k.vcpuBlock.kick(v);
    }

    /** {@code kvm_vgic_vcpu_pending_irq}: an enabled interrupt is pending for this vCPU. */
    boolean pendingIrq(Vcpu v) {
        for (VgicIrq irq : v.irqs) {
            if (irq.queued && irq.enabled && irq.pending()) {
                return true;
            }
        }
        return false;
    }

    /** {@code vgic_target_oracle}: an active interrupt stays with its vCPU; a pending one needs to be enabled. */
    static boolean targeted(VgicIrq irq) {
        return irq.active || (irq.pending() && irq.enabled);
    }

    /** {@code kvm_vgic_flush_hwstate}: one LR per ap_list entry, by priority; the world switch loads them. */
    void flushHwstate(int cpu, Vcpu v) {
        // by priority, then INTID (v.irqs is in INTID order, so an insertion that passes only lower priority
        // values keeps equal priorities in INTID order)
        VgicIrq[] list = flushList;
        int size = 0;
        for (VgicIrq irq : v.irqs) {
            if (irq.queued && targeted(irq)) {
                int j = size++;
                while (j > 0 && list[j - 1].priority > irq.priority) {
                    list[j] = list[j - 1];
                    j--;
                }
                list[j] = irq;
            }
        }
        v.usedLrs = Math.min(size, v.shadowLrs.length);
        for (int i = 0; i < v.shadowLrs.length; i++) {
            if (i < v.usedLrs) {
                VgicIrq irq = list[i];
                boolean hwBit = irq.hw && !k.config.has(Fault.NO_HW_BIT);
                boolean pending = irq.pending() && !(hwBit && irq.active); // vgic_v3_populate_lr: never both on HW
                v.shadowLrs[i].write(ListRegister.State.of(pending, irq.active), hwBit, irq.intid, irq.hwintid,
                        irq.priority);
                if (k.sim.tracing()) {
                    k.note(cpu, Subject.listRegister(i, irq.intid), "LR" + i + " <- " + v.shadowLrs[i], "vgic_v3_populate_lr" + (hwBit
                            ? ": mapped interrupt, HW=1 pINTID " + irq.hwintid : ""));
                }
            } else {
                v.shadowLrs[i].clear();
            }
        }
        if (size == 0) {
            k.note(cpu, "ap_list empty: no LR to write", "kvm_vgic_flush_hwstate");
        } else if (size > v.shadowLrs.length) {
            k.note(cpu, "more interrupts than LRs: underflow requested", "vgic_flush_lr_state");
        }
    }

    /** {@code kvm_vgic_sync_hwstate}: fold the LRs the world switch read back, then prune the ap_list. */
    void syncHwstate(int cpu, Vcpu v) {
        k.touch(v);
        for (int i = 0; i < v.usedLrs; i++) {
            ListRegister lr = v.shadowLrs[i];
            VgicIrq irq = v.irqs[lr.vintid()];
            irq.active = lr.state().active();
            if (!lr.state().pending()) {
                irq.pendingLatch = false;
            }
            if (k.sim.tracing()) {
                k.note(cpu, Subject.listRegister(i, lr.vintid()), "fold LR" + i + " (" + lr.state().pathName()
                        + ") into vINTID " + lr.vintid() + ": " + irq.state().pathName(),
                        "vgic_v3_fold_lr_state (line_level untouched)");
            }
            lr.clear();
        }
        v.usedLrs = 0;
        for (VgicIrq irq : v.irqs) {
            // vgic_prune_ap_list keeps what vgic_target_oracle targets: an active interrupt, or a pending and
            // enabled one; a pending interrupt the guest has disabled leaves the list too (v4.15 vgic.c)
            if (irq.queued && !targeted(irq)) {
                irq.queued = false;
                if (k.sim.tracing()) {
                    k.note(cpu, Subject.intid(irq.intid), "vINTID " + irq.intid + (irq.pending()
                            ? " pending but disabled: off the ap_list" : " neither pending nor active: off the ap_list"),
                            "vgic_prune_ap_list");
                }
            }
        }
    }

    /** {@code vgic_mmio_write_senable}/{@code cenable}: the guest's trapped write of its enable register. */
    void mmioWriteEnable(int cpu, Vcpu v, long arg) {
        k.touch(v);
        int intid = (int) (arg & 0xff);
        boolean enable = ((arg >> 8) & 1) != 0;
        VgicIrq irq = v.irqs[intid];
        irq.enabled = enable;
        k.note(cpu, Subject.intid(intid), v.name() + " vINTID " + intid + (enable ? " enabled" : " disabled"), "vgic_mmio_write_"
                + (enable ? "senable" : "cenable"));
        if (enable && irq.pending() && !irq.queued) {
            irq.queued = true;
            k.note(cpu, Subject.intid(intid), "vINTID " + intid + " is pending: queued", "vgic_queue_irq_unlock");
            v.requestPending = true; // and a kick of itself, which does nothing
        }
    }
}
