package vtimerlab.engine;

/**
 * Which KVM the machine runs.
 *
 * <p>{@link #LEGACY} is Linux v4.14: the world switch saves and restores the virtual timer on every guest exit and
 * entry ({@code __timer_save_state} / {@code __timer_restore_state} in hyp/timer-sr.c). {@link #OPTIMIZED} is Linux
 * v4.15 after commit b103cc3f10c0: the timer stays in the hardware while the vCPU is loaded and its interrupt is
 * forwarded ({@code irq_set_vcpu_affinity}, HW bit in the list register).
 */
public enum Design {
    LEGACY("legacy"),
    OPTIMIZED("optimized");

    private final String scenarioName;

    Design(String scenarioName) {
        this.scenarioName = scenarioName;
    }

    /** The word the scenario language uses ({@code design=legacy}). */
    public String scenarioName() {
        return scenarioName;
    }

    public static Design fromScenarioName(String name) {
        for (Design d : values()) {
            if (d.scenarioName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown design '" + name + "' (legacy or optimized)");
    }
}
