package vtimerlab.engine.hardware;

import java.util.Locale;

/**
 * One ICH_LR&lt;n&gt;_EL2 (GICv3 ch. 6): a virtual interrupt as the virtual CPU interface presents it to the guest.
 * With HW=1 the guest's deactivation of vINTID also deactivates physical pINTID on this CPU.
 */
public final class ListRegister {

    public enum State {
        INVALID, PENDING, ACTIVE, PENDING_ACTIVE;

        private final String pathName = name().equals("PENDING_ACTIVE") ? "active_pending"
                : name().toLowerCase(Locale.ROOT);

        public String pathName() {
            return pathName;
        }

        public boolean pending() {
            return this == PENDING || this == PENDING_ACTIVE;
        }

        public boolean active() {
            return this == ACTIVE || this == PENDING_ACTIVE;
        }

        public static State of(boolean pending, boolean active) {
            if (active) {
                return pending ? PENDING_ACTIVE : ACTIVE;
            }
            return pending ? PENDING : INVALID;
        }
    }

    private State state = State.INVALID;
    private boolean hw;
    private int vintid;
    private int pintid;
    private int priority;
    /** The EOI bit: with HW = 0, the guest's EOI that leaves the LR invalid raises a maintenance interrupt. */
    private boolean eoi;

    public ListRegister() {
    }

    public ListRegister(ListRegister o) {
        this.state = o.state;
        this.hw = o.hw;
        this.vintid = o.vintid;
        this.pintid = o.pintid;
        this.priority = o.priority;
        this.eoi = o.eoi;
    }

    public State state() {
        return state;
    }

    public boolean hw() {
        return hw;
    }

    public int vintid() {
        return vintid;
    }

    public int pintid() {
        return pintid;
    }

    public int priority() {
        return priority;
    }

    /** The EOI bit (ICH_LR&lt;n&gt;_EL2 bit 41, meaningful with HW = 0). */
    public boolean eoi() {
        return eoi;
    }

    public boolean valid() {
        return state != State.INVALID;
    }

    /** A write by the hypervisor (vgic flush). */
    public void write(State s, boolean hwBit, int vIntid, int pIntid, int prio) {
        write(s, hwBit, false, vIntid, pIntid, prio);
    }

    /**
     * A write with the EOI bit: KVM sets it on a level-sensitive interrupt that is not mapped to a physical one
     * ({@code vgic_v3_populate_lr}), so the guest's EOI makes the vGIC tell KVM with a maintenance interrupt.
     */
    public void write(State s, boolean hwBit, boolean eoiBit, int vIntid, int pIntid, int prio) {
        state = s;
        hw = hwBit;
        eoi = eoiBit && !hwBit;
        vintid = vIntid;
        pintid = hwBit ? pIntid : 0;
        priority = prio;
    }

    /** True when the guest's EOI has just raised a maintenance interrupt: EOI bit set, LR now invalid. */
    public boolean maintenanceRaised() {
        return eoi && state == State.INVALID;
    }

    void setState(State s) {
        state = s;
    }

    /** Zeroed by the world switch after it read the LR back ({@code __vgic_v3_save_state}). */
    public void clear() {
        state = State.INVALID;
        hw = false;
        vintid = 0;
        pintid = 0;
        priority = 0;
        eoi = false;
    }

    @Override
    public String toString() {
        if (!valid()) {
            return "invalid";
        }
        return state.pathName() + " vINTID " + vintid + (hw ? " HW pINTID " + pintid : " HW=0" + (eoi ? " EOI" : ""))
                + " prio 0x" + Integer.toHexString(priority);
    }
}
