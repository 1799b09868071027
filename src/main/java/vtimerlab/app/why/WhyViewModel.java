package vtimerlab.app.why;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vtimerlab.app.session.CauseChain;
import vtimerlab.app.session.Frame;
import vtimerlab.app.timeline.TraceLines;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;

/**
 * What "Why?" shows for a trace line: where and when it happened, its words, the kernel function it belongs to, and
 * the chain of events that caused it. Plain Java: {@link WhyView} only draws it. Every decision (which function to
 * explain, which line names each event of the chain, where the chain starts) is taken from the trace's typed fields
 * (kind, function, event, cause); a line's words are only shown.
 *
 * @param where    CPU, event, time, actor and kind, in words
 * @param what     the line's words
 * @param why      its reason with a lead-in ({@code why: ...}, {@code runs in: ...} for a kernel line), or empty
 * @param function the kernel function it enters or leaves, to explain, or null
 */
public record WhyViewModel(String where, String what, String why, KernelFunction function) {

    /** One line of the chain: the event, the trace line that names it in the frame (or null), and the text shown. */
    public record Step(long event, TraceEntry naming, String text, boolean start) { }

    /** The panel's header for line {@code e}. */
    public static WhyViewModel of(TraceEntry e) {
        String where = (e.cpu() >= 0 ? "pcpu" + e.cpu() + " · " : "") + "event #" + e.event() + " · t = " + e.time()
                + " · " + e.actor() + " · " + TraceLines.kindWord(e.kind());
        boolean hasWhy = e.why() != null && !e.why().isEmpty();
        boolean kernel = e.kind() == TraceEntry.Kind.ENTER || e.kind() == TraceEntry.Kind.LEAVE;
        String why = !hasWhy ? "" : kernel ? "runs in: " + e.why() : "why: " + e.why();
        KernelFunction fn = kernel ? TraceLines.functionOf(e) : null;
        return new WhyViewModel(where, e.what(), why, fn != null && !fn.explanation().isEmpty() ? fn : null);
    }

    /**
     * The chain of causes as the panel lists it, nearest first, ending with the command that started it (or a line
     * saying that it goes back to setting up the machine). The engine names each event by its kind ({@code cpu
     * step}); the line that names it best is the (last) kernel function entered in it, or else the first thing it did, when
     * {@code frame} still holds that event.
     */
    public static List<Step> chain(CauseChain c, Frame frame) {
        Map<Long, TraceEntry> did = new HashMap<>();
        if (frame != null) {
            for (TraceEntry t : frame.recentTrace()) {
                if (t.event() <= 0 || t.kind() == TraceEntry.Kind.COMMAND) {
                    continue;
                }
                if (t.kind() == TraceEntry.Kind.ENTER) {
                    did.put(t.event(), t); // the function entered names the event best
                } else if (!did.containsKey(t.event()) && t.kind() != TraceEntry.Kind.LEAVE) {
                    did.put(t.event(), t);
                }
            }
        }
        List<Step> out = new ArrayList<>();
        for (CauseChain.Link l : c.links()) {
            String description = l.description() == null ? "?" : l.description();
            TraceEntry naming = did.get(l.event());
            out.add(new Step(l.event(), naming, "event #" + l.event() + ": " + (naming == null ? description
                    : naming.what() + " (" + description + ")"), false));
        }
        if (c.command() != null) {
            TraceEntry cmd = c.command();
            out.add(new Step(cmd.event(), cmd, "started by: " + cmd.what() + " (" + cmd.why() + ")", true));
        } else {
            out.add(new Step(0, null, c.links().isEmpty() ? "nothing before it: part of setting up the machine"
                    : "no command found: it goes back to setting up the machine", false));
        }
        return out;
    }
}
