package vtimerlab.engine.core;

import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;
import vtimerlab.engine.trace.TracedFunction;

/**
 * One line of the trace: something that happened inside one engine event. Its meaning is in typed fields (kind,
 * CPU, context, function, subject, depth, cause); {@code what} and {@code why} are the same in words, for people,
 * and may be reworded at any time: nothing in the engine, the scenario language, the lessons or the command line
 * reads meaning back from them.
 *
 * @param event    the engine event it happened in (events are numbered from 1 in the order they run)
 * @param time     the system counter at that moment
 * @param cpu      the physical CPU, or -1 when it belongs to none (a scenario command, the VMM)
 * @param actor    who acted: {@code guest}, {@code kvm}, {@code host}, {@code gic}, {@code timer}, {@code vmm},
 *                 {@code scenario}, {@code checker}
 * @param kind     what sort of line it is
 * @param what     what happened, e.g. {@code kvm_timer_schedule} or {@code CNTV_CTL_EL0 := 0x0}
 * @param why      the reason in words (the kernel function doing it, the rule that applies)
 * @param cause    the event that caused the event this line belongs to (0 when a command started it)
 * @param depth    call depth of the kernel function on that CPU, for the timeline
 * @param function the kernel function the line belongs to (the one entered or left, or the one whose step wrote it),
 *                 or null for guest, hardware and scenario lines
 * @param context  where it happened: a vCPU thread, interrupt context on a CPU, the guest, the hardware
 * @param subject  what it is about: a register, an INTID, a list register
 * @param rule     for a {@link Kind#VIOLATION} the invariant broken ({@code I3}), for a {@link Kind#HAZARD} the kernel
 *                 hazard named ({@code H1}); null for any other line and for a violation of no numbered invariant
 */
public record TraceEntry(long event, long time, int cpu, String actor, Kind kind, String what, String why, long cause,
                         int depth, TracedFunction function, Context context, Subject subject, String rule) {

    /** A line with no typed fields beyond its kind (for tests and hand-made lines). */
    public TraceEntry(long event, long time, int cpu, String actor, Kind kind, String what, String why, long cause,
                      int depth) {
        this(event, time, cpu, actor, kind, what, why, cause, depth, null, Context.NONE, Subject.NONE, null);
    }

    /** A line with its typed fields but no rule (every kind but a violation or a hazard). */
    public TraceEntry(long event, long time, int cpu, String actor, Kind kind, String what, String why, long cause,
                      int depth, TracedFunction function, Context context, Subject subject) {
        this(event, time, cpu, actor, kind, what, why, cause, depth, function, context, subject, null);
    }

    public TraceEntry {
        if (context == null) {
            context = Context.NONE;
        }
        if (subject == null) {
            subject = Subject.NONE;
        }
    }

    public enum Kind {
        /** A command from a scenario, a lesson or the app. */
        COMMAND,
        /** A kernel function entered. */
        ENTER,
        /** A kernel function returned. */
        LEAVE,
        /** A timer register read by the hypervisor (counted) or the guest (not counted). */
        REGISTER_READ,
        /** A timer register written. */
        REGISTER_WRITE,
        /** A GIC access or GIC state change. */
        GIC,
        /** A list register written, read back or changed by the guest. */
        LIST_REGISTER,
        /** Any other state change (a mode, a flag, a line level). */
        STATE,
        /** Something the guest did. */
        GUEST,
        /** A command that the hardware ignores, or something a student should notice. */
        WARNING,
        /** An invariant was violated: the model broke a rule it must keep. */
        VIOLATION,
        /** A named kernel hazard: behaviour the real kernel has that the checker points out for teaching. */
        HAZARD
    }

    /** The trace as one text line: time, CPU, actor, what, why. */
    public String toText() {
        String where = cpu >= 0 ? "pcpu" + cpu : "-";
        String indent = kind == Kind.ENTER || kind == Kind.LEAVE ? "  ".repeat(Math.max(0, depth)) : "";
        String mark = switch (kind) {
            case ENTER -> "-> ";
            case LEAVE -> "<- ";
            case VIOLATION -> "!! ";
            case WARNING, HAZARD -> "?? ";
            default -> "";
        };
        // the layout of "%12s  %-6s %-8s #%-6d %s%s%s", written out: a long run prints millions of lines
        StringBuilder sb = new StringBuilder(96);
        pad(sb, Long.toUnsignedString(time), 12, true);
        sb.append("  ");
        pad(sb, where, 6, false);
        sb.append(' ');
        pad(sb, actor, 8, false);
        sb.append(" #");
        pad(sb, Long.toString(event), 6, false);
        sb.append(' ').append(indent).append(mark).append(what);
        if (why != null && !why.isEmpty()) {
            sb.append("   (").append(why).append(')');
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String s, int width, boolean right) {
        String text = String.valueOf(s);
        if (right) {
            sb.append(" ".repeat(Math.max(0, width - text.length()))).append(text);
        } else {
            sb.append(text).append(" ".repeat(Math.max(0, width - text.length())));
        }
    }
}
