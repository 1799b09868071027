package vtimerlab.app.gic;

/**
 * The four states of an interrupt in a GICv3 (GICv3 architecture specification, 4.1.2), spelled as the scenario
 * language spells them ({@code pcpuN.gic.irq27.state}, {@code vcpuN.virq27.state}, {@code pcpuN.lrK.state}).
 */
public enum IrqState {
    INACTIVE("inactive", "inactive",
            "Inactive: not pending and not active. The GIC has nothing to signal for PPI 27."),
    PENDING("pending", "pending",
            "Pending: the timer's line is high, so the GIC will signal PPI 27 to this CPU as soon as it is "
                    + "enabled and its priority beats the running priority and the priority mask."),
    ACTIVE("active", "active",
            "Active: acknowledged (or set active by software) and not yet deactivated. An active interrupt is "
                    + "never signalled again, however long its line stays high."),
    ACTIVE_PENDING("active_pending", "active+pending",
            "Active and pending: being handled while the line is still high. It is signalled again only after "
                    + "it is deactivated; then it is simply pending.");

    private final String path;
    private final String word;
    private final String tip;

    IrqState(String path, String word, String tip) {
        this.path = path;
        this.word = word;
        this.tip = tip;
    }

    /** The state for a path value ({@code active_pending}), or null. */
    public static IrqState of(String path) {
        if (path == null) {
            return null;
        }
        for (IrqState s : values()) {
            if (s.path.equals(path.trim())) {
                return s;
            }
        }
        return null;
    }

    /** How a student reads it: {@code active+pending}. */
    public String word() {
        return word;
    }

    /** How a student reads a state that may be unknown. */
    public static String word(IrqState s) {
        return s == null ? "unknown" : s.word();
    }

    /** What the state means, for its tooltip. */
    public String meaning() {
        return tip;
    }

    public String cssName() {
        return path.replace('_', '-');
    }
}
