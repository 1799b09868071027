package vtimerlab.app.timeline;

import static vtimerlab.app.timeline.TraceLines.kindWord;

import java.util.List;

import vtimerlab.engine.core.TraceEntry;

/** A small mark (a register access, a GIC change, a violation...), drawn under the function that made it. */
public final class TraceMark {
    /** Its place in {@link CallStackModel#marks()}. */
    int index;
    final TraceEntry entry;
    final int lane;
    final int row;
    final int col;

    TraceMark(TraceEntry entry, int lane, int row, int col) {
        this.entry = entry;
        this.lane = lane;
        this.row = row;
        this.col = col;
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
        return switch (entry.kind()) {
            case VIOLATION, HAZARD -> TraceLines.findingWord(entry);
            case COMMAND -> entry.what();
            default -> "";
        };
    }

    /** The icon it carries (a flag, an alert, a prompt), or null. */
    public String icon() {
        return switch (entry.kind()) {
            case VIOLATION -> "mdi2f-flag";
            case WARNING, HAZARD -> "mdi2a-alert";
            case COMMAND -> "mdi2c-console-line";
            default -> null;
        };
    }

    public String accessibleText() {
        return kindWord(entry.kind()) + ": " + entry.what();
    }

    /** What its tooltip says. */
    public String describe() {
        return kindWord(entry.kind()) + " · " + where(entry) + "\n" + entry.what()
                + (entry.why() == null || entry.why().isEmpty() ? "" : "\nwhy: " + entry.why())
                + "\n\nClick to see in \"Why?\" what caused it.";
    }

    private static String where(TraceEntry e) {
        return (e.cpu() >= 0 ? "pcpu" + e.cpu() + " · " : "") + "event #" + e.event() + " · t = " + e.time()
                + " · " + e.actor();
    }
}
