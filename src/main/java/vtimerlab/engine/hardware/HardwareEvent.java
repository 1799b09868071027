package vtimerlab.engine.hardware;

import vtimerlab.engine.core.EventKind;

/** Events the hardware schedules for itself. */
public enum HardwareEvent implements EventKind {
    /** The virtual timer's condition (CNTVCT >= CVAL) changes at this tick: computed, never polled. */
    TIMER_CONDITION("timer condition changes");

    private final String label;

    HardwareEvent(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
