package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;

/**
 * What the kernel timeline shows for a frame: the events it spans, a title per CPU lane, the call stack of each CPU
 * now, and the bars and marks of the recent trace ({@link CallStackModel}). Plain Java: {@link KernelTimelineView}
 * only measures and draws it.
 *
 * @param summary which events the lanes show ({@code events #12–#80}), or empty
 * @param lanes   per CPU, its lane's title ({@code pcpu1 · runs vcpu0 (guest)})
 * @param stacks  per CPU, its call stack now, innermost first
 */
public record TimelineViewModel(String summary, List<String> lanes, List<Stack> stacks, CallStackModel model) {
    /** How many trace lines the timeline draws while frames stream in fast (playback). */
    public static final int STREAMING_LINES = 90;

    /** One CPU's call stack now: what it runs, and the functions active there, innermost first. */
    public record Stack(String runs, List<Function> functions) { }

    /** A function on a call stack, with its colour family and its tooltip. */
    public record Function(String name, String category, String tip) { }

    /**
     * The timeline of frame {@code f}. While playback streams frames in ({@code streaming}) only the newest
     * {@link #STREAMING_LINES} lines are drawn: the bars fly past too quickly to read anyway, and a draw stays short.
     */
    public static TimelineViewModel of(Frame f, boolean streaming) {
        if (streaming && f.recentTrace().size() > STREAMING_LINES) {
            List<TraceEntry> t = f.recentTrace();
            f = new Frame(f.time(), f.event(), f.furthest(), f.design(), f.cpus(), f.vcpus(), f.stats(),
                    f.violations(), t.subList(t.size() - STREAMING_LINES, t.size()), f.traceSize(), f.source());
        }
        List<String> lanes = new ArrayList<>();
        List<Stack> stacks = new ArrayList<>();
        for (Frame.Cpu cpu : f.cpus()) {
            lanes.add("pcpu" + cpu.index() + " · runs " + runsWhat(f, cpu));
            stacks.add(stack(f, cpu));
        }
        return new TimelineViewModel(summary(f), List.copyOf(lanes), List.copyOf(stacks),
                CallStackModel.of(f, f.cpus().size()));
    }

    private static String summary(Frame f) {
        List<TraceEntry> t = f.recentTrace();
        if (t.isEmpty()) {
            return "";
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TraceEntry e : t) {
            if (e.event() > 0) {
                first = Math.min(first, e.event());
                last = Math.max(last, e.event());
            }
        }
        return first == Long.MAX_VALUE ? "" : "events #" + first + "–#" + last;
    }

    /** What a CPU runs, in words: {@code vcpu0 (blocked)}, {@code idle}, {@code another thread}. */
    static String runsWhat(Frame f, Frame.Cpu cpu) {
        String cur = cpu.current();
        if (cur.startsWith("vcpu")) {
            int v = TraceLines.vcpuOf(cur);
            if (v >= 0 && v < f.vcpus().size()) {
                return cur + " (" + f.vcpus().get(v).mode() + ")";
            }
            return cur;
        }
        return switch (cur) {
            case "idle" -> "idle";
            case "other" -> "another thread";
            default -> cur;
        };
    }

    private static Stack stack(Frame f, Frame.Cpu cpu) {
        List<String> names = cpu.callStack();
        String runs = names.isEmpty() ? (cpu.current().equals("idle") ? "idle: no kernel code"
                : "no kernel function: " + runsWhat(f, cpu)) : "runs " + runsWhat(f, cpu);
        List<Function> functions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            KernelFunction fn = TraceLines.functionNamed(name);
            functions.add(new Function(name, TraceLines.category(fn), name + (i == 0 ? "  (innermost: running now)"
                    : "") + "\n" + (fn == null ? "" : fn.explanation())));
        }
        return new Stack(runs, List.copyOf(functions));
    }
}
