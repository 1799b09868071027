package vtimerlab.engine;

import java.util.function.Supplier;

import vtimerlab.engine.kvm.Kvm414;
import vtimerlab.engine.kvm.Kvm415;
import vtimerlab.engine.kvm.KvmVersion;

/**
 * Which KVM the machine runs, by the name the scenario language gives it ({@code design=legacy|optimized}), in the
 * order the kernel had them. Each names the class that implements that kernel version ({@link KvmVersion}); the
 * comparison, the command line and the window loop over {@link #values()}, so another version is one class plus one
 * line here.
 *
 * <p>{@link #LEGACY} is Linux v4.14: the world switch saves and restores the virtual timer on every guest exit and
 * entry. {@link #OPTIMIZED} is Linux v4.15 after commit b103cc3f10c0: the timer stays in the hardware while the
 * vCPU is loaded and its interrupt is forwarded ({@code irq_set_vcpu_affinity}, HW bit in the list register).
 */
public enum Design {
    LEGACY("legacy", Kvm414::new),
    OPTIMIZED("optimized", Kvm415::new);

    private final String scenarioName;
    private final Supplier<KvmVersion> version;

    Design(String scenarioName, Supplier<KvmVersion> version) {
        this.scenarioName = scenarioName;
        this.version = version;
    }

    /** The word the scenario language uses ({@code design=legacy}). */
    public String scenarioName() {
        return scenarioName;
    }

    /** The kernel version this design runs (a fresh strategy object; versions keep no state). */
    public KvmVersion version() {
        return version.get();
    }

    /** The Linux release it is, for people: {@code v4.14}. */
    public String kernel() {
        return version().kernel();
    }

    /** Every design's scenario name, as the language lists them: {@code legacy|optimized}. */
    public static String names(String separator) {
        StringBuilder sb = new StringBuilder();
        for (Design d : values()) {
            sb.append(sb.length() == 0 ? "" : separator).append(d.scenarioName);
        }
        return sb.toString();
    }

    public static Design fromScenarioName(String name) {
        for (Design d : values()) {
            if (d.scenarioName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown design '" + Echo.of(name) + "' (" + names(" or ") + ")");
    }
}
