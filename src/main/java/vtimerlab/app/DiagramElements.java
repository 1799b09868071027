package vtimerlab.app;

import vtimerlab.app.gic.GicView;
import vtimerlab.app.lrs.ListRegisterView;
import vtimerlab.app.timer.TimerComparatorView;

/**
 * Where the parts of the diagrams that lessons name ({@code timer.cval}, {@code gic.active}, {@code vcpu0}; see
 * lessons/README.md) are drawn: the id of the node that draws each, or, for a part no node draws alone, the panel
 * that holds it.
 */
final class DiagramElements {
    private DiagramElements() {
    }

    /** The id of the node that draws element {@code name} (without its {@code pcpuN.}), or null. */
    static String nodeId(String name) {
        String id = switch (name) {
            case "timer.counter" -> "tc-cntvct";
            case "timer.cval" -> "tc-cval-label";
            case "timer.tval" -> TimerComparatorView.TVAL_ID;
            case "timer.enable" -> TimerComparatorView.ENABLE_ID;
            case "timer.imask" -> TimerComparatorView.IMASK_ID;
            case "timer.istatus" -> TimerComparatorView.ISTATUS_ID;
            case "timer.output" -> TimerComparatorView.OUTPUT_ID;
            case "timer.saved" -> TimerComparatorView.SAVED_ID;
            case "timer.ptimer" -> "tc-ptimer";
            case "timer.ptimer.cval" -> "tc-ptimer-cval";
            case "timer.ptimer.level" -> "tc-ptimer-level";
            case "timer.ptimer.soft" -> "tc-ptimer-soft";
            case "timer.traps" -> "tc-ptimer-traps";
            case "gic.irq30" -> "gic-irq30";
            case "lrs.eoi" -> "lr-eoi-head";
            case "gic.inactive" -> "gic-state-inactive";
            case "gic.pending" -> "gic-state-pending";
            case "gic.active" -> "gic-state-active";
            case "gic.active_pending" -> "gic-state-active-pending";
            case "gic.caption" -> GicView.CAPTION_ID;
            case "lrs.caption" -> ListRegisterView.CAPTION_ID;
            default -> null;
        };
        if (id == null && name.matches("(pcpu|vcpu)\\d+")) {
            id = "cv-" + name; // a CPU's card or a vCPU's chip
        }
        return id;
    }

    /** The panel that holds element {@code name}: {@code timer}, {@code gic}, {@code lrs}, {@code console}... */
    static String panel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
