package vtimerlab.app.gic;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.GicState;
import vtimerlab.engine.trace.Subject;
import vtimerlab.engine.trace.TracedFunction;

/**
 * One change of PPI 27's state on a CPU, found in the trace's typed fields, with its cause in words.
 *
 * @param event the engine event that made it
 */
public record IrqChange(IrqState from, IrqState to, String cause, long event) {

    /** The arrow that draws this change, or null if the diagram has none for it. */
    public IrqTransition transition() {
        return IrqTransition.of(from, to);
    }

    /**
     * The changes of PPI 27 on {@code cpu} that the trace lines make, oldest first, read from the lines' typed fields
     * (kind, context, function, subject and the states it names), never from their words. {@code start} is the state
     * before the first line, if known; lines that leave the state as it was are not changes.
     */
    public static List<IrqChange> read(List<TraceEntry> lines, int cpu, IrqState start) {
        List<IrqChange> out = new ArrayList<>();
        IrqState at = start;
        for (int i = 0; i < lines.size(); i++) {
            TraceEntry e = lines.get(i);
            Subject s = e.subject();
            if (e.cpu() != cpu || s.intid() != VTIMER || s.to() == null) {
                continue;
            }
            IrqState to = state(s.to());
            IrqState from = s.from() != null ? state(s.from()) : at != null ? at : inferFrom(to, setsActive(e));
            String cause = cause(e, from, to, lines, i);
            if (cause == null) {
                continue;
            }
            at = to;
            if (from != null && from != to) {
                out.add(new IrqChange(from, to, cause, e.event()));
            }
        }
        return out;
    }

    private static final int VTIMER = 27;

    /** Who changed the state, in words, from the line's kind, register, context and function; null: not a GIC change. */
    private static String cause(TraceEntry e, IrqState from, IrqState to, List<TraceEntry> lines, int at) {
        Subject s = e.subject();
        TimerRegister r = s.register();
        if (e.kind() == TraceEntry.Kind.STATE) {
            boolean rose = to != null && isPending(to) && (from == null || !isPending(from));
            String detail = r != null ? r.name() + " written" : rose ? "timer condition met" : "virtual count wrapped";
            return "the timer's output line " + (rose ? "rose" : "fell") + " (" + detail + ")";
        }
        if (e.kind() == TraceEntry.Kind.LIST_REGISTER && r == TimerRegister.ICC_EOIR1_EL1) {
            Context c = e.context();
            String who = c.kind() == Context.Kind.GUEST ? "vcpu" + c.index() + "'s" : "the guest's";
            return who + " EOI deactivated it through the HW bit (ICV_EOIR1_EL1)";
        }
        if (e.kind() != TraceEntry.Kind.GIC) {
            return null;
        }
        if (r == TimerRegister.ICC_IAR1_EL1) {
            return "host acknowledged (ICC_IAR1_EL1)";
        }
        if (r == TimerRegister.ICC_EOIR1_EL1) {
            return "host EOI deactivated it (ICC_EOIR1_EL1, EOImode 0)";
        }
        if (r == TimerRegister.ICC_DIR_EL1) {
            return "host deactivated it (ICC_DIR_EL1)";
        }
        if (r == null) {
            boolean set = to == IrqState.ACTIVE || to == IrqState.ACTIVE_PENDING;
            // the timer code that wrote it: the line's own function, or, for the GIC driver's irq_set_irqchip_state
            // (its own step on load), the function that called it
            TracedFunction by = e.function() == KernelFunction.TIMER_SET_ACTIVE_STATE ? caller(lines, at) : e.function();
            String fn = by != null ? by.kernelName() : e.function() == null ? "" : e.function().kernelName();
            return "KVM " + (set ? "set it active (GICR_ISACTIVER0" : "cleared its active state (GICR_ICACTIVER0")
                    + (fn.isEmpty() ? ")" : ", " + fn + ")");
        }
        return null;
    }

    /** How far back {@link #caller} looks for the function that called the one writing a line. */
    private static final int CALLER_REACH = 256;

    /**
     * The kernel function that called the one line {@code at} belongs to: the nearest function entered before it, on
     * the same CPU and in the same context, that has not returned and is not the line's own function; null if none is
     * in reach.
     */
    private static TracedFunction caller(List<TraceEntry> lines, int at) {
        TraceEntry e = lines.get(at);
        int returned = 0;
        for (int i = at - 1; i >= 0 && i >= at - CALLER_REACH; i--) {
            TraceEntry b = lines.get(i);
            if (b.cpu() != e.cpu() || !b.context().equals(e.context())) {
                continue;
            }
            if (b.kind() == TraceEntry.Kind.LEAVE) {
                returned++;
            } else if (b.kind() == TraceEntry.Kind.ENTER) {
                if (returned > 0) {
                    returned--;
                } else if (b.function() != null && b.function() != e.function()) {
                    return b.function();
                }
            }
        }
        return null;
    }

    /** Whether the line is one that sets the active state: an acknowledge, or KVM's set-active write. */
    private static boolean setsActive(TraceEntry e) {
        TimerRegister r = e.subject().register();
        return e.kind() == TraceEntry.Kind.GIC && (r == TimerRegister.ICC_IAR1_EL1
                || r == null && e.subject().to() != null && e.subject().to().active());
    }

    private static boolean isPending(IrqState s) {
        return s == IrqState.PENDING || s == IrqState.ACTIVE_PENDING;
    }

    private static IrqState state(GicState s) {
        return s == null ? null : IrqState.of(s.pathName());
    }

    /** The state before a line that only says where it ended. */
    private static IrqState inferFrom(IrqState to, boolean setsActive) {
        if (setsActive) {
            return to == IrqState.ACTIVE ? IrqState.INACTIVE : to == IrqState.ACTIVE_PENDING ? IrqState.PENDING : null;
        }
        return to == IrqState.INACTIVE ? IrqState.ACTIVE : to == IrqState.PENDING ? IrqState.ACTIVE_PENDING : null;
    }
}
