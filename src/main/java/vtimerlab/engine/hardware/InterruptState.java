package vtimerlab.engine.hardware;

import java.util.Locale;

/** The four states of an interrupt in the GIC (GICv3 4.1.2), spelled as the scenario language spells them. */
public enum InterruptState {
    INACTIVE, PENDING, ACTIVE, ACTIVE_PENDING;

    public static InterruptState of(boolean pending, boolean active) {
        if (active) {
            return pending ? ACTIVE_PENDING : ACTIVE;
        }
        return pending ? PENDING : INACTIVE;
    }

    private final String pathName = name().toLowerCase(Locale.ROOT);

    public String pathName() {
        return pathName;
    }
}
