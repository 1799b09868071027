package vtimerlab.app.timeline;

import static vtimerlab.app.timeline.TraceLines.nameOf;
import static vtimerlab.app.timeline.TraceLines.vcpuOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;

/**
 * The kernel timeline's model: the call stacks that a frame's recent trace lines describe, per physical CPU, as
 * bars along the order of events. Plain Java, built from a {@link Frame} with no JavaFX: {@link KernelTimelineView}
 * measures and draws it ({@link TimelineLayout} places it).
 *
 * <p>ENTER and LEAVE lines are paired per context (a vCPU's thread, or a CPU's host interrupt handling, which nests
 * on top of what the CPU was running). A function entered before the window starts at its left edge; one still on a
 * call stack at the end stays open to the right. When a thread stops running on a CPU (another thread runs, or it
 * migrates) its open functions stop there and go on, resumed, where it runs next. Other lines (register accesses,
 * GIC and list register changes, guest actions, state changes, violations) are marks under the innermost function of
 * their CPU; commands and lines of no CPU are marks above the lanes. Columns are the places along the x axis: the
 * lines of one event, split where a bar or a mark would collide; the time is noted where it changes.
 */
public final class CallStackModel {
    private final int laneCount;
    private final List<TimelineColumn> columns = new ArrayList<>();
    private final List<FunctionBar> bars = new ArrayList<>();
    private final List<TraceMark> marks = new ArrayList<>();
    /** While building: per context, the functions it was in before the window that are not drawn yet. */
    private Map<String, List<Pre>> pre = Map.of();
    /** While building: the event whose soft timer expiry is marked already. */
    private long softTimerEvent = Long.MIN_VALUE;

    private CallStackModel(int laneCount) {
        this.laneCount = laneCount;
    }

    /** The model of frame {@code f}'s recent trace, drawn on {@code laneCount} lanes (one per physical CPU). */
    public static CallStackModel of(Frame f, int laneCount) {
        CallStackModel m = new CallStackModel(laneCount);
        m.build(f);
        return m;
    }

    public int laneCount() {
        return laneCount;
    }

    public List<TimelineColumn> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** Every bar, in the order the trace opened them. */
    public List<FunctionBar> bars() {
        return Collections.unmodifiableList(bars);
    }

    public List<TraceMark> marks() {
        return Collections.unmodifiableList(marks);
    }

    /** Whether nothing is drawn (no kernel code and no mark in the window). */
    public boolean isEmpty() {
        return bars.isEmpty() && marks.isEmpty();
    }

    /** Whether column {@code i} carries the time above the lanes: the first column, and each where time moved. */
    public boolean hasTimeLabel(int i) {
        return i == 0 || columns.get(i).timeChanged;
    }

    /** The event at which a bar starts (the column it starts in). */
    long startEvent(FunctionBar b) {
        return b.startCol < columns.size() ? columns.get(b.startCol).event : 0;
    }

    /** The first trace line drawn in column {@code col}, or null. */
    TraceEntry firstEntryOf(int col) {
        TimelineColumn c = columns.get(col);
        if (!c.starts.isEmpty()) {
            return c.starts.get(0).entry;
        }
        if (!c.laneMarks.isEmpty()) {
            return c.laneMarks.get(0).entry;
        }
        return c.axisMarks.isEmpty() ? null : c.axisMarks.get(0).entry;
    }

    private void add(FunctionBar b) {
        b.index = bars.size();
        bars.add(b);
    }

    private void addMark(TraceMark m) {
        m.index = marks.size();
        marks.add(m);
    }

    /** What a time label says when pointed at: the time from its column on. */
    static String describeTime(TraceEntry e) {
        return "From here on the time is t = " + e.time() + " (system counter ticks). Kernel code takes no "
                + "simulated time: everything between two breaks happened at one tick.";
    }

    /** Who runs kernel code: a vCPU's thread (which may move between CPUs) or a CPU's interrupt handling. */
    static final class Context {
        final String key;
        final boolean interrupt;
        /** Open functions, outermost first. */
        final List<FunctionBar> open = new ArrayList<>();
        /** Functions whose drawing stopped because another thread ran here or the thread moved. */
        final List<FunctionBar> suspendedFrames = new ArrayList<>();
        int lane = -1;
        int lastCol = -1;
        int irqBase;

        Context(String key, boolean interrupt) {
            this.key = key;
            this.interrupt = interrupt;
        }
    }

    /** A function entered before the window: left in it, or still on the call stack at its end. */
    private record Pre(String name, int depth, int lane) { }

    /** Who ran a kernel line, from its typed context: {@code vcpu0 thread}, or {@code interrupt@1} for pcpu1's. */
    private static String contextKey(TraceEntry e) {
        vtimerlab.engine.trace.Context c = e.context();
        return switch (c.kind()) {
            case INTERRUPT -> "interrupt@" + e.cpu();
            case VCPU_THREAD -> threadKey(c.index());
            default -> c.toString();
        };
    }

    private static String threadKey(int vcpu) {
        return "vcpu" + vcpu + " thread";
    }

    private void build(Frame f) {
        List<TraceEntry> trace = f.recentTrace();
        Map<String, Context> contexts = new LinkedHashMap<>();
        Context[] laneThread = new Context[laneCount];
        Map<String, List<Pre>> pre = preWindowFrames(trace, f, laneCount);
        this.pre = pre;

        // functions running when the window starts: the first thread seen on each lane, then interrupt handling
        if (!trace.isEmpty()) {
            Map<Integer, String> firstThread = new HashMap<>();
            for (TraceEntry e : trace) {
                if ((e.kind() == Kind.ENTER || e.kind() == Kind.LEAVE) && e.cpu() >= 0 && e.cpu() < laneCount
                        && !contextKey(e).startsWith("interrupt@")) {
                    firstThread.putIfAbsent(e.cpu(), contextKey(e));
                }
            }
            for (boolean irq : new boolean[] {false, true}) {
                for (String key : new ArrayList<>(pre.keySet())) {
                    boolean isIrq = key.startsWith("interrupt@");
                    List<Pre> p = pre.get(key);
                    if (isIrq != irq || p.isEmpty() || !irq && !key.equals(firstThread.get(p.get(0).lane()))) {
                        continue;
                    }
                    Context ctx = new Context(key, isIrq);
                    contexts.put(key, ctx);
                    pre.remove(key);
                    if (!irq) {
                        laneThread[p.get(0).lane()] = ctx;
                    }
                    openAtStart(ctx, p, laneThread);
                }
            }
        }
        TimelineColumn col = null;
        long prevEvent = Long.MIN_VALUE;
        long prevTime = Long.MIN_VALUE;
        for (TraceEntry e : trace) {
            boolean isKernel = e.kind() == Kind.ENTER || e.kind() == Kind.LEAVE;
            boolean onAxis = e.kind() == Kind.COMMAND || e.cpu() < 0 || e.cpu() >= laneCount;
            boolean newEvent = col == null || e.event() != prevEvent;
            boolean split = !newEvent && (e.kind() == Kind.ENTER && (col.kernel || col.marksOn[e.cpu()])
                    || !isKernel && !onAxis && col.leftOn[e.cpu()]);
            if (newEvent || split) {
                col = new TimelineColumn(e.event(), e.time(), newEvent && col != null && e.time() != prevTime,
                        laneCount);
                columns.add(col);
                prevEvent = e.event();
                prevTime = e.time();
            }
            int c = columns.size() - 1;
            if (onAxis) {
                TraceMark m = new TraceMark(e, -1, 0, c);
                col.axisMarks.add(m);
                addMark(m);
                continue;
            }
            int lane = e.cpu();
            if (!isKernel) {
                // the soft timer's expiry: the first of its lines in an event
                boolean expiry = TraceMark.isSoftTimerLine(e) && e.event() != softTimerEvent;
                if (expiry) {
                    softTimerEvent = e.event();
                }
                TraceMark m = new TraceMark(e, lane, markRow(lane, contexts, laneThread, pre), c, expiry);
                col.laneMarks.add(m);
                col.marksOn[lane] = true;
                addMark(m);
                continue;
            }
            col.kernel = true;
            String key = contextKey(e);
            Context ctx = contexts.get(key);
            if (ctx == null) {
                ctx = new Context(key, key.startsWith("interrupt@"));
                contexts.put(key, ctx);
                List<Pre> p = pre.remove(key);
                if (p != null) {
                    openBefore(ctx, p, lane, c, laneThread);
                }
            }
            // functions that have returned are closed where they ran, before the context moves or resumes
            closeDeeper(ctx, e.kind() == Kind.ENTER ? e.depth() : e.depth() + 1);
            enter(ctx, lane, c, laneThread);
            if (e.kind() == Kind.ENTER) {
                if (ctx.interrupt && ctx.open.isEmpty()) {
                    ctx.irqBase = irqBase(laneThread[lane], lane);
                }
                FunctionBar parent = ctx.open.isEmpty() ? null : ctx.open.get(ctx.open.size() - 1);
                FunctionBar b = new FunctionBar(nameOf(e), e, ctx, e.depth(), lane, row(ctx, e.depth()), c,
                        false, false, parent);
                ctx.open.add(b);
                col.starts.add(b);
                add(b);
            } else {
                FunctionBar top = ctx.open.isEmpty() ? null : ctx.open.get(ctx.open.size() - 1);
                if (top != null && top.depth == e.depth()) {
                    ctx.open.remove(ctx.open.size() - 1);
                    if (top.entry == null) {
                        top.entry = e; // entered before the window: its LEAVE stands for it
                    }
                    end(top, c);
                } else {
                    // left, but not seen entered (the depths of the engine disagree): from the window's start
                    FunctionBar b = new FunctionBar(nameOf(e), e, ctx, e.depth(), lane, row(ctx, e.depth()), c,
                            true, false, top);
                    add(b);
                    end(b, c);
                }
                col.leftOn[lane] = true;
            }
            ctx.lastCol = c;
        }
        // the thread a CPU runs now, if it ran no kernel code in the window: its call stack across the lane
        for (Map.Entry<String, List<Pre>> left : pre.entrySet()) {
            List<Pre> p = left.getValue();
            if (p.isEmpty() || columns.isEmpty()) {
                continue;
            }
            int lane = p.get(0).lane();
            int start = 0;
            for (FunctionBar o : bars) {
                if (o.lane == lane && !o.context.interrupt) {
                    start = Math.max(start, Math.max(o.endCol, o.startCol) + 1);
                }
            }
            if (start >= columns.size()) {
                continue;
            }
            Context ctx = new Context(left.getKey(), false);
            contexts.put(ctx.key, ctx);
            ctx.lane = lane;
            ctx.lastCol = columns.size() - 1;
            FunctionBar parent = null;
            for (Pre frameBefore : p) {
                FunctionBar b = new FunctionBar(frameBefore.name(), null, ctx, frameBefore.depth(), lane,
                        frameBefore.depth(), start, start == 0, start > 0, parent);
                b.hasChildren = true;
                if (start > 0) {
                    columns.get(start).starts.add(b);
                }
                ctx.open.add(b);
                add(b);
                parent = b;
            }
        }
        // what is still open at the end: running (on a call stack), or a leaf that simply has no LEAVE
        for (Context ctx : contexts.values()) {
            for (FunctionBar b : ctx.open) {
                if (!b.hasChildren && !b.openLeft && !inCallStack(f, ctx, b)) {
                    b.leaf = true;
                    end(b, b.startCol);
                }
            }
        }
        for (TimelineColumn c : columns) {
            // deeper bars first, so that a parent encloses the labels of its children
            c.ends.sort((a, b) -> Integer.compare(b.row, a.row));
        }
    }

    private void end(FunctionBar b, int c) {
        b.endCol = c;
        columns.get(c).ends.add(b);
    }

    /** Opens the functions a context was in before the window at the window's left edge. */
    private void openAtStart(Context ctx, List<Pre> p, Context[] laneThread) {
        int lane = p.get(0).lane();
        ctx.lane = lane;
        if (ctx.interrupt) {
            ctx.irqBase = irqBase(laneThread[lane], lane);
        }
        FunctionBar parent = null;
        for (Pre frameBefore : p) {
            FunctionBar b = new FunctionBar(frameBefore.name(), null, ctx, frameBefore.depth(), lane,
                    row(ctx, frameBefore.depth()), 0, true, false, parent);
            b.hasChildren = true;
            ctx.open.add(b);
            add(b);
            parent = b;
        }
    }

    /** Opens the functions a context was in before the window, when the context first shows up in it. */
    private void openBefore(Context ctx, List<Pre> p, int lane, int c, Context[] laneThread) {
        ctx.lane = lane;
        if (ctx.interrupt) {
            ctx.irqBase = irqBase(laneThread[lane], lane);
        }
        Context before = ctx.interrupt ? null : laneThread[lane];
        boolean fromStart = before == null || before == ctx;
        FunctionBar parent = null;
        for (Pre frameBefore : p) {
            FunctionBar b = new FunctionBar(frameBefore.name(), null, ctx, frameBefore.depth(), lane,
                    row(ctx, frameBefore.depth()), c, fromStart, !fromStart, parent);
            b.hasChildren = true;
            if (!fromStart) {
                columns.get(c).starts.add(b);
            }
            ctx.open.add(b);
            add(b);
            parent = b;
        }
    }

    /** The lane of the CPU that runs vCPU {@code v}'s thread now, or null if none does. */
    private static Integer laneRunning(Frame f, int v, int laneCount) {
        for (Frame.Cpu cpu : f.cpus()) {
            if (cpu.index() < laneCount && vcpuOf(cpu.current()) == v) {
                return cpu.index();
            }
        }
        return null;
    }

    /**
     * Per context, the functions it was in before the window, outermost first: those it leaves in the window, and
     * for each vCPU thread a CPU runs now or that ran in the window, the rest of its call stack.
     */
    private static Map<String, List<Pre>> preWindowFrames(List<TraceEntry> trace, Frame f, int laneCount) {
        Map<String, List<Integer>> open = new HashMap<>();
        Map<String, List<Pre>> pre = new HashMap<>();
        Map<String, Integer> firstLane = new HashMap<>();
        for (TraceEntry e : trace) {
            if (e.kind() != Kind.ENTER && e.kind() != Kind.LEAVE || e.cpu() < 0 || e.cpu() >= laneCount) {
                continue;
            }
            String key = contextKey(e);
            firstLane.putIfAbsent(key, e.cpu());
            List<Integer> o = open.computeIfAbsent(key, k -> new ArrayList<>());
            if (e.kind() == Kind.ENTER) {
                o.removeIf(d -> d >= e.depth());
                o.add(e.depth());
            } else {
                o.removeIf(d -> d > e.depth());
                if (!o.remove(Integer.valueOf(e.depth()))) {
                    List<Pre> p = pre.computeIfAbsent(key, k -> new ArrayList<>());
                    if (p.stream().noneMatch(x -> x.depth() == e.depth())) {
                        p.add(new Pre(nameOf(e), e.depth(), firstLane.get(key)));
                    }
                }
            }
        }
        // the rest of the call stack of each vCPU thread a CPU runs now, and of each one that ran in the window but
        // runs nowhere now (asleep in schedule(), preempted): a thread switched out in the window keeps the frames it
        // was in before it (KVM_RUN and the run loop), which stop where it stopped
        for (int v = 0; v < f.vcpus().size(); v++) {
            String key = threadKey(v);
            Integer lane = firstLane.get(key);
            if (lane == null) {
                lane = laneRunning(f, v, laneCount);
            }
            if (lane == null) {
                continue;
            }
            List<String> stack = f.vcpus().get(v).callStack();
            List<Integer> stillOpen = open.getOrDefault(key, List.of());
            List<Pre> p = pre.computeIfAbsent(key, k -> new ArrayList<>());
            int n = stack.size();
            for (int i = 0; i < n; i++) {
                int depth = n - 1 - i;
                if (!stillOpen.contains(depth) && p.stream().noneMatch(x -> x.depth() == depth)) {
                    p.add(new Pre(stack.get(i), depth, lane));
                }
            }
        }
        for (List<Pre> p : pre.values()) {
            p.sort((a, b) -> Integer.compare(a.depth(), b.depth()));
        }
        return pre;
    }

    private static boolean inCallStack(Frame f, Context ctx, FunctionBar b) {
        List<String> stack;
        if (ctx.interrupt) {
            stack = b.lane < f.cpus().size() ? f.cpus().get(b.lane).callStack() : List.of();
        } else {
            int v = vcpuOf(ctx.key);
            stack = v >= 0 && v < f.vcpus().size() ? f.vcpus().get(v).callStack() : List.of();
        }
        return stack.contains(b.name);
    }

    /** The host's interrupt handling nests on top of what the CPU's thread is in (row 0 is always that thread). */
    private int irqBase(Context thread, int lane) {
        int base = 1;
        if (thread != null) {
            for (FunctionBar b : thread.open) {
                base = Math.max(base, b.row + 1);
            }
        } else {
            // no thread has run kernel code on the lane yet: the frames a thread there was in before the window
            // are drawn across the lane (at the end, if it runs none in the window), so the handling goes above them
            for (Map.Entry<String, List<Pre>> p : pre.entrySet()) {
                if (!p.getKey().startsWith("interrupt@")) {
                    for (Pre frameBefore : p.getValue()) {
                        if (frameBefore.lane() == lane) {
                            base = Math.max(base, frameBefore.depth() + 1);
                        }
                    }
                }
            }
        }
        return base;
    }

    /**
     * Marks go right under the innermost function running on the lane; while no thread has run kernel code on the
     * lane yet, under the frames a thread there was in before the window (drawn across the lane later).
     */
    private static int markRow(int lane, Map<String, Context> contexts, Context[] laneThread,
                               Map<String, List<Pre>> pre) {
        int row = 1;
        Context thread = laneThread[lane];
        if (thread != null && thread.lane == lane && !thread.open.isEmpty()) {
            row = Math.max(row, thread.open.get(thread.open.size() - 1).row + 1);
        } else if (thread == null) {
            for (Map.Entry<String, List<Pre>> p : pre.entrySet()) {
                if (!p.getKey().startsWith("interrupt@")) {
                    for (Pre frameBefore : p.getValue()) {
                        if (frameBefore.lane() == lane) {
                            row = Math.max(row, frameBefore.depth() + 1);
                        }
                    }
                }
            }
        }
        Context irq = contexts.get("interrupt@" + lane);
        if (irq != null && !irq.open.isEmpty()) {
            row = Math.max(row, irq.open.get(irq.open.size() - 1).row + 1);
        }
        return row;
    }

    private static int row(Context ctx, int depth) {
        return ctx.interrupt ? ctx.irqBase + depth : depth;
    }

    /** A context runs on a lane: stop drawing whatever it displaces, and resume its own suspended frames. */
    private void enter(Context ctx, int lane, int c, Context[] laneThread) {
        if (ctx.lane >= 0 && ctx.lane != lane && !ctx.open.isEmpty()) {
            suspend(ctx); // the thread moved to another CPU
        }
        if (!ctx.interrupt) {
            Context other = laneThread[lane];
            if (other != null && other != ctx && other.lane == lane && !other.open.isEmpty()) {
                suspend(other); // another thread runs on this CPU now
            }
            laneThread[lane] = ctx;
        }
        ctx.lane = lane;
        if (!ctx.suspendedFrames.isEmpty()) {
            FunctionBar parent = null;
            for (FunctionBar s : ctx.suspendedFrames) {
                FunctionBar b = new FunctionBar(s.name, s.entry, ctx, s.depth, lane, row(ctx, s.depth), c, false, true,
                        parent);
                b.hasChildren |= s.hasChildren;
                ctx.open.add(b);
                columns.get(c).starts.add(b);
                add(b);
                parent = b;
            }
            ctx.suspendedFrames.clear();
        }
    }

    private void suspend(Context ctx) {
        int last = Math.max(ctx.lastCol, 0);
        for (FunctionBar b : ctx.open) {
            if (!b.hasChildren && !b.openLeft) {
                b.leaf = true; // it called nothing: it returned at once, it does not go on elsewhere
                end(b, b.startCol);
                continue;
            }
            b.suspended = true;
            end(b, Math.max(last, b.startCol));
            ctx.suspendedFrames.add(b);
        }
        ctx.open.clear();
    }

    /** Closes the open functions of a context at {@code depth} or deeper: those with no LEAVE are leaves. */
    private void closeDeeper(Context ctx, int depth) {
        while (!ctx.open.isEmpty() && ctx.open.get(ctx.open.size() - 1).depth >= depth) {
            FunctionBar b = ctx.open.remove(ctx.open.size() - 1);
            b.leaf = !b.hasChildren;
            end(b, b.hasChildren ? Math.max(ctx.lastCol, b.startCol) : b.startCol);
        }
    }
}
