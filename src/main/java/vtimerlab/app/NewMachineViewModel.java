package vtimerlab.app;

import java.util.List;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;

/**
 * What the New machine dialog says about each of its choices, so a student can pick without the scenario reference:
 * a design with the Linux release it models, a guest handler with what the guest does when its timer interrupt
 * arrives, a fault with the one sentence the engine gives for what it breaks. Plain Java (no JavaFX): the dialog only
 * shows these strings.
 */
public final class NewMachineViewModel {
    /** The handlers offered, in the order a student meets them (the default first). */
    public static final List<HandlerKind> HANDLERS = List.of(new HandlerKind.Mask(), new HandlerKind.EoiFirst(),
            new HandlerKind.Disable(), new HandlerKind.Periodic(1000), new HandlerKind.Manual());

    private NewMachineViewModel() {
    }

    /** A design as the choice reads: its scenario name and the Linux release it is ({@code optimized (Linux v4.15)}). */
    public static String designLabel(Design d) {
        return d.scenarioName() + " (Linux " + d.kernel() + ")";
    }

    /** What the design does with the virtual timer, one line. */
    public static String designDescription(Design d) {
        return switch (d) {
            case LEGACY -> "Linux " + d.kernel() + ": every exit from the guest saves the virtual timer and every "
                    + "entry restores it.";
            case OPTIMIZED -> "Linux " + d.kernel() + " (commit b103cc3f10c0): the timer stays in the hardware while "
                    + "the vCPU is loaded; its interrupt is forwarded (HW bit), saved only on put or block.";
        };
    }

    /** What the guest's timer interrupt handler does, in the order it does it. */
    public static String handlerDescription(HandlerKind h) {
        if (h instanceof HandlerKind.EoiFirst) {
            return "Acknowledges, EOIs, and only then sets IMASK: the line is still high at the EOI, so a second "
                    + "interrupt comes.";
        }
        if (h instanceof HandlerKind.Disable) {
            return "Acknowledges, clears ENABLE in CNTV_CTL, then EOIs: the timer stays off.";
        }
        if (h instanceof HandlerKind.Periodic p) {
            return "Acknowledges, writes TVAL = " + p.period() + " (the next tick), then EOIs: a periodic tick.";
        }
        if (h instanceof HandlerKind.Manual) {
            return "Does nothing by itself: you acknowledge and EOI with the toolbar or the console.";
        }
        return "Acknowledges (IAR), sets IMASK, then EOIs: the usual Linux order.";
    }

    /** A handler as the choice reads: its scenario name and what it does. */
    public static String handlerLabel(HandlerKind h) {
        return h.scenarioName() + ": " + handlerDescription(h);
    }

    /** A fault as its line in the list reads: its scenario name, then what it breaks. */
    public static String faultLabel(Fault f) {
        return f.scenarioName() + ": " + f.breaks();
    }
}
