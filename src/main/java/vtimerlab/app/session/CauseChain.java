package vtimerlab.app.session;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;

/**
 * Why a trace line happened, as the engine recorded it: the events that caused it, each caused by the next, back to
 * the command that started them. Built from the trace's typed fields (event numbers, causes, the COMMAND line of the
 * starting command); the words are carried along only to be shown.
 *
 * @param selected the line asked about
 * @param links    the event it belongs to, then its cause, and so on (at most 64), nearest first
 * @param command  the COMMAND line that started the chain, or null when it goes back to setting up the machine
 */
public record CauseChain(TraceEntry selected, List<Link> links, TraceEntry command) {
    private static final int LONGEST = 64;

    /** One event of the chain: its number and what the engine called it ({@code cpu step}), or null. */
    public record Link(long event, String description) { }

    public CauseChain {
        links = List.copyOf(links);
    }

    /** Follows {@code entry}'s causes back in {@code m}'s recorded history (on the engine's thread). */
    public static CauseChain of(Machine m, TraceEntry entry) {
        List<Link> links = new ArrayList<>();
        long id = entry.event();
        long cause = entry.cause();
        while (links.size() < LONGEST && id > 0) {
            links.add(new Link(id, m.describeEvent(id)));
            cause = m.causeOf(id);
            id = cause;
        }
        long commandEvent = id < 0 ? id : cause;
        TraceEntry command = null;
        if (commandEvent < 0) {
            for (TraceEntry e : m.trace()) {
                if (e.event() == commandEvent && e.kind() == TraceEntry.Kind.COMMAND) {
                    command = e;
                    break;
                }
            }
        }
        return new CauseChain(entry, links, command);
    }
}
