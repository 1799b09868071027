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

    public ListRegister() {
    }

    public ListRegister(ListRegister o) {
        this.state = o.state;
        this.hw = o.hw;
        this.vintid = o.vintid;
        this.pintid = o.pintid;
        this.priority = o.priority;
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

    public boolean valid() {
        return state != State.INVALID;
    }

    /** A write by the hypervisor (vgic flush). */
    public void write(State s, boolean hwBit, int vIntid, int pIntid, int prio) {
        state = s;
        hw = hwBit;
        vintid = vIntid;
        pintid = hwBit ? pIntid : 0;
        priority = prio;
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
    }

    @Override
    public String toString() {
        if (!valid()) {
            return "invalid";
        }
        return state.pathName() + " vINTID " + vintid + (hw ? " HW pINTID " + pintid : " HW=0")
                + " prio 0x" + Integer.toHexString(priority);
    }
}
