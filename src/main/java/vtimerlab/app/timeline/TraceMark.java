package vtimerlab.app.timeline;

import static vtimerlab.app.timeline.TraceLines.kindWord;

import java.util.List;

import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.trace.Context;

/** A small mark (a register access, a GIC change, a violation...), drawn under the function that made it. */
public final class TraceMark {
    /** Its place in {@link CallStackModel#marks()}. */
    int index;
    final TraceEntry entry;
    final int lane;
    final int row;
    final int col;
    /** The first line of the soft timer's expiry in its event (set by the model, which sees the lines before). */
    final boolean softTimerExpiry;

    TraceMark(TraceEntry entry, int lane, int row, int col) {
        this(entry, lane, row, col, false);
    }

    TraceMark(TraceEntry entry, int lane, int row, int col, boolean softTimerExpiry) {
        this.entry = entry;
        this.lane = lane;
        this.row = row;
        this.col = col;
        this.softTimerExpiry = softTimerExpiry;
    }

    /**
     * Whether {@code e} is the guest's own access to the emulated physical timer (CNTP_CTL_EL0, CNTP_CVAL_EL0,
     * CNTP_TVAL_EL0): it traps to KVM (arch/arm64/kvm/sys_regs.c, access_cntp_*), an exit and an entry. Read from the
     * line's typed fields: a register access, in the guest's context, of a trapped register.
     */
    static boolean isTrap(TraceEntry e) {
        return (e.kind() == TraceEntry.Kind.REGISTER_READ || e.kind() == TraceEntry.Kind.REGISTER_WRITE)
                && e.context().kind() == Context.Kind.GUEST && e.subject().register() != null
                && e.subject().register().trapped();
    }

    /**
     * Whether {@code e} belongs to the soft timer's expiry: a line about vINTID 30 run in interrupt context (the
     * host's hrtimer interrupt and its callback, kvm_phys_timer_expire in v4.15, kvm_timer_expire in v4.14), outside
     * any kernel function of the trace.
     */
    static boolean isSoftTimerLine(TraceEntry e) {
        return e.context().kind() == Context.Kind.INTERRUPT && e.subject().intid() == Redistributor.PTIMER_INTID
                && e.function() == null && e.kind() != TraceEntry.Kind.ENTER && e.kind() != TraceEntry.Kind.LEAVE;
    }

    /** Whether the mark draws a trapped access to the physical timer (its word is "trap"). */
    public boolean trap() {
        return isTrap(entry);
    }

    /** Whether the mark draws the soft timer's expiry (its word is "soft timer"). */
    public boolean softTimerExpiry() {
        return softTimerExpiry;
    }

    public TraceEntry entry() {
        return entry;
    }

    /** The CPU's lane, or -1 for a mark above the lanes (a command, a line of no CPU). */
    public int lane() {
        return lane;
    }

    /** Its style classes: a tick, a diamond, a flag... by the kind of line. */
    public List<String> styleClasses() {
        if (trap()) {
            return List.of("label", KernelTimelineView.MARK_CLASS, "ktl-trap");
        }
        if (softTimerExpiry) {
            return List.of("label", KernelTimelineView.MARK_CLASS, "ktl-soft-expiry");
        }
        String kindClass = switch (entry.kind()) {
            case REGISTER_READ -> "ktl-read";
            case REGISTER_WRITE -> "ktl-write";
            case GIC -> "ktl-gic";
            case LIST_REGISTER -> "ktl-lr";
            case GUEST -> "ktl-guest";
            case WARNING, HAZARD -> "ktl-warning";
            case VIOLATION -> "ktl-violation";
            case COMMAND -> "ktl-command";
            default -> "ktl-state";
        };
        return List.of("label", KernelTimelineView.MARK_CLASS, kindClass);
    }

    /** Its text: a violation's word or a command; other marks are shapes only. */
    public String text() {
        if (trap()) {
            return "trap";
        }
        if (softTimerExpiry) {
            return "soft timer";
        }
        return switch (entry.kind()) {
            case VIOLATION, HAZARD -> TraceLines.findingWord(entry);
            case COMMAND -> entry.what();
            default -> "";
        };
    }

    /** The icon it carries (a flag, an alert, a prompt), or null. */
    public String icon() {
        if (trap()) {
            return "mdi2s-swap-vertical";
        }
        if (softTimerExpiry) {
            return "mdi2a-alarm";
        }
        return switch (entry.kind()) {
            case VIOLATION -> "mdi2f-flag";
            case WARNING, HAZARD -> "mdi2a-alert";
            case COMMAND -> "mdi2c-console-line";
            default -> null;
        };
    }

    public String accessibleText() {
        return word() + ": " + entry.what();
    }

    private String word() {
        if (trap()) {
            return "trapped access to the emulated physical timer (an exit into KVM and an entry back)";
        }
        if (softTimerExpiry) {
            return "the soft timer of the physical timer expired (a host hrtimer)";
        }
        return kindWord(entry.kind());
    }

    /** What its tooltip says. */
    public String describe() {
        return word() + " · " + where(entry) + "\n" + entry.what()
                + (entry.why() == null || entry.why().isEmpty() ? "" : "\nwhy: " + entry.why())
                + "\n\nClick to see in \"Why?\" what caused it.";
    }

    private static String where(TraceEntry e) {
        return (e.cpu() >= 0 ? "pcpu" + e.cpu() + " · " : "") + "event #" + e.event() + " · t = " + e.time()
                + " · " + e.actor();
    }
}
