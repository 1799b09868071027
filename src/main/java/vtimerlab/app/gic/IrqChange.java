package vtimerlab.app.gic;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.engine.core.TraceEntry;

/**
 * One change of PPI 27's state on a CPU, found in the trace, with its cause in words.
 *
 * @param event the engine event that made it
 */
public record IrqChange(IrqState from, IrqState to, String cause, long event) {

    /** The arrow that draws this change, or null if the diagram has none for it. */
    public IrqTransition transition() {
        return IrqTransition.of(from, to);
    }

    /**
     * The changes of PPI 27 on {@code cpu} that the trace lines describe, oldest first. {@code start} is the state
     * before the first line, if known; lines that leave the state as it was are not changes.
     */
    public static List<IrqChange> read(List<TraceEntry> lines, int cpu, IrqState start) {
        List<IrqChange> out = new ArrayList<>();
        IrqState at = start;
        for (TraceEntry e : lines) {
            if (e.cpu() != cpu || e.what() == null) {
                continue;
            }
            String w = e.what();
            IrqState from = null;
            boolean explicit = false;
            IrqState to;
            String cause;
            if (w.startsWith("output line rises; PPI 27 ") || w.startsWith("output line falls; PPI 27 ")) {
                String[] fromTo = w.substring("output line rises; PPI 27 ".length()).split(" -> ");
                if (fromTo.length != 2) {
                    continue;
                }
                from = IrqState.of(fromTo[0]);
                to = IrqState.of(fromTo[1]);
                explicit = true;
                String why = e.why() == null ? "" : e.why();
                int cut = why.indexOf(" (output");
                String detail = cut > 0 ? why.substring(0, cut) : why;
                cause = "the timer's output line " + (w.contains("rises") ? "rose" : "fell")
                        + (detail.isEmpty() ? "" : " (" + detail + ")");
            } else if (w.startsWith("ICC_IAR1_EL1 -> 27; PPI 27 ")) {
                to = IrqState.of(w.substring("ICC_IAR1_EL1 -> 27; PPI 27 ".length()));
                cause = "host acknowledged (ICC_IAR1_EL1)";
            } else if (w.startsWith("priority drop") && w.contains("also deactivates: PPI 27 ")) {
                to = IrqState.of(w.substring(w.indexOf("also deactivates: PPI 27 ") + 25));
                cause = "host EOI deactivated it (ICC_EOIR1_EL1, EOImode 0)";
            } else if (w.startsWith("PPI 27 deactivated: ")) {
                to = IrqState.of(w.substring("PPI 27 deactivated: ".length()));
                cause = "host deactivated it (ICC_DIR_EL1)";
            } else if (w.contains("HW=1: physical PPI 27 deactivated too, now ")) {
                to = IrqState.of(w.substring(w.indexOf(", now ") + 6));
                String who = w.startsWith("vcpu") ? w.substring(0, w.indexOf(' ')) + "'s" : "the guest's";
                cause = who + " EOI deactivated it through the HW bit (ICV_EOIR1_EL1)";
            } else if (w.startsWith("GICR_ISACTIVER0: PPI 27 ") || w.startsWith("GICR_ICACTIVER0: PPI 27 ")) {
                boolean set = w.startsWith("GICR_IS");
                to = IrqState.of(w.substring("GICR_ISACTIVER0: PPI 27 ".length()));
                String why = e.why() == null ? "" : e.why();
                int colon = why.indexOf(':');
                String fn = colon > 0 ? why.substring(0, colon) : why;
                cause = "KVM " + (set ? "set it active (GICR_ISACTIVER0" : "cleared its active state (GICR_ICACTIVER0")
                        + (fn.isEmpty() ? ")" : ", " + fn + ")");
            } else {
                continue;
            }
            if (to == null) {
                continue;
            }
            if (!explicit) {
                from = at != null ? at : inferFrom(to, w);
            }
            at = to;
            if (from != null && from != to) {
                out.add(new IrqChange(from, to, cause, e.event()));
            }
        }
        return out;
    }

    /** The state before a line that only says where it ended. */
    private static IrqState inferFrom(IrqState to, String what) {
        boolean setsActive = what.startsWith("GICR_ISACTIVER0") || what.startsWith("ICC_IAR1_EL1");
        if (setsActive) {
            return to == IrqState.ACTIVE ? IrqState.INACTIVE : to == IrqState.ACTIVE_PENDING ? IrqState.PENDING : null;
        }
        return to == IrqState.INACTIVE ? IrqState.ACTIVE : to == IrqState.PENDING ? IrqState.ACTIVE_PENDING : null;
    }
}
