package vtimerlab.app.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.kvm.KernelFunction;

/**
 * The kernel timeline: one lane per physical CPU, the kernel functions of the frame's recent trace drawn along it as
 * nested bars (outermost on top), register accesses as ticks, GIC changes, list register writes, guest actions and
 * state changes as small marks, violations as red flags. Kernel code takes no simulated time, so the x axis is the
 * order of events; the time is written above where it changes, with a break in the lanes. On the right, the call
 * stack of each CPU now (innermost on top). A click on a bar or a mark selects its trace line
 * ({@link #selectedProperty()}) for the "Why?" panel.
 *
 * <p>Cheap enough for 60 frames a second: a frame carries at most {@link Frame#RECENT} trace lines; the nodes of
 * lines that are still in the window keep their node (and so their measured text), and unused nodes are hidden and
 * reused.
 */
public final class KernelTimelineView extends VBox implements FrameView {
    /** The stylesheet of the timeline, the console and "Why?". */
    static final String CSS = "/vtimerlab/app/timeline-console.css";

    /** Style class of every function bar; its text is the kernel function's name, its user data the trace line. */
    public static final String BAR_CLASS = "ktl-bar";
    /** Style class of every mark (register tick, GIC mark, violation flag...); user data is the trace line. */
    public static final String MARK_CLASS = "ktl-mark";
    public static final String FOLLOW_ID = "ktl-follow";

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final ObjectProperty<TraceEntry> selected = new SimpleObjectProperty<>(this, "selected");

    // ---- nodes ---------------------------------------------------------------------------------------------
    private final Label orderLabel = new Label("event order →");
    private final Label summary = new Label();
    private final ToggleButton keyButton = new ToggleButton("Key");
    private final Button follow = new Button("Newest");
    private final FlowPane key = new FlowPane();
    private final Viewport axisViewport = new Viewport();
    private final VBox lanesBox = new VBox();
    private final ScrollPane lanesScroll = new ScrollPane(lanesBox);
    private final ScrollBar hbar = new ScrollBar();
    private final VBox stackBox = new VBox();
    private final ScrollPane stackScroll = new ScrollPane(stackBox);
    private final Label empty = new Label("No kernel code in the recent trace yet: play or step the scenario.");
    private final List<Lane> lanes = new ArrayList<>();
    private final List<StackSection> stacks = new ArrayList<>();

    private final Pool axisLabels = new Pool(axisViewport.content, this::newAxisLabel);
    private final Pool axisTimes = new Pool(axisViewport.content, this::newTimeLabel);

    // ---- model ---------------------------------------------------------------------------------------------
    private final List<Column> columns = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private Map<Object, Node> nodes = new HashMap<>();
    private Frame frame;
    private boolean modelDirty;

    // ---- scrolling -----------------------------------------------------------------------------------------
    private boolean following = true;
    private boolean adjusting;
    private double contentWidth;
    private long anchorEvent = Long.MIN_VALUE;
    private double anchorDelta;
    private double dragStartX;
    private double dragStartValue;

    public KernelTimelineView() {
        getStylesheets().add(KernelTimelineView.class.getResource(CSS).toExternalForm());
        getStyleClass().add("ktl");
        setMinSize(0, 0);

        orderLabel.getStyleClass().addAll("vt-muted", "ktl-order");
        orderLabel.setTooltip(tip("Left to right: the order in which the engine's events ran. Kernel code takes no "
                + "simulated time, so a whole kvm_vcpu_block happens at one tick; the time is written above the "
                + "lanes where it changes, and a dashed break marks time passing."));
        orderLabel.setMinWidth(Region.USE_PREF_SIZE);
        summary.getStyleClass().addAll("vt-muted", "ktl-summary");
        summary.setTooltip(tip("What the lanes show: the last trace lines up to the present moment."));
        summary.setMinWidth(0);
        keyButton.getStyleClass().add("ktl-key-button");
        keyButton.setFocusTraversable(false);
        keyButton.setTooltip(tip("Show or hide the key: what the colours, ticks and marks mean."));
        keyButton.setMinWidth(Region.USE_PREF_SIZE);
        follow.setId(FOLLOW_ID);
        follow.setGraphic(icon("mdi2p-page-last", follow, 1.15));
        follow.getStyleClass().add("ktl-follow");
        follow.setFocusTraversable(false);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.setTooltip(tip("Scroll to the newest event and keep following it (the timeline follows the newest "
                + "event until you scroll away)."));
        follow.setOnAction(e -> followNewest());
        follow.setDisable(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, orderLabel, summary, spacer, keyButton, follow);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("ktl-top");
        HBox.setHgrow(summary, Priority.SOMETIMES);

        buildKey();
        key.visibleProperty().bind(keyButton.selectedProperty());
        key.managedProperty().bind(keyButton.selectedProperty());

        axisViewport.getStyleClass().add("ktl-axis");
        lanesBox.getStyleClass().add("ktl-lanes");
        lanesScroll.setFitToWidth(true);
        lanesScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        lanesScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        lanesScroll.getStyleClass().addAll("edge-to-edge", "ktl-lanes-scroll");
        lanesScroll.setMinHeight(0);
        VBox.setVgrow(lanesScroll, Priority.ALWAYS);
        lanesScroll.addEventFilter(ScrollEvent.SCROLL, this::wheel);

        hbar.setOrientation(Orientation.HORIZONTAL);
        hbar.getStyleClass().add("ktl-hbar");
        hbar.valueProperty().addListener((o, was, is) -> scrolled());
        hbar.setFocusTraversable(false);

        empty.getStyleClass().addAll("vt-muted", "ktl-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.setTooltip(tip("The timeline draws the kernel functions of the last trace lines up to the present "
                + "moment; at the start of a scenario there are none yet."));

        VBox left = new VBox(axisViewport, lanesScroll, hbar);
        left.setMinWidth(0);
        HBox.setHgrow(left, Priority.ALWAYS);
        stackBox.getStyleClass().add("ktl-stacks");
        stackScroll.setFitToWidth(true);
        stackScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        stackScroll.getStyleClass().addAll("edge-to-edge", "ktl-stack-scroll");
        stackScroll.setMinWidth(Region.USE_PREF_SIZE);
        stackScroll.setMinHeight(0);
        HBox body = new HBox(left, stackScroll);
        body.getStyleClass().add("ktl-body");
        body.setMinHeight(0);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(top, key, empty, body);

        axisViewport.widthProperty().addListener((o, was, is) -> updateScrollRange());
        selected.addListener((o, was, is) -> markSelection());
    }

    /** The trace line selected on the timeline (a function entered or left, a register access, a mark). */
    public ObjectProperty<TraceEntry> selectedProperty() {
        return selected;
    }

    public TraceEntry getSelected() {
        return selected.get();
    }

    public void setSelected(TraceEntry e) {
        selected.set(e);
    }

    /** Shows or hides the key (what the colours, ticks and marks mean). */
    public void setKeyShown(boolean shown) {
        keyButton.setSelected(shown);
    }

    /** Whether the timeline follows the newest event (false once the user scrolled away). */
    public boolean isFollowing() {
        return following;
    }

    /** The function names of the bars drawn now, in trace order. */
    public List<String> barLabels() {
        List<String> out = new ArrayList<>();
        for (Bar b : bars) {
            out.add(b.name);
        }
        return out;
    }

    /** The bar nodes drawn now (style class {@link #BAR_CLASS}), in the order of {@link #barLabels()}. */
    public List<Label> barNodes() {
        List<Label> out = new ArrayList<>();
        for (Bar b : bars) {
            out.add(b.node);
        }
        return out;
    }

    /** The mark nodes drawn now (style class {@link #MARK_CLASS}). */
    public List<Label> markNodes() {
        List<Label> out = new ArrayList<>();
        for (Mark m : marks) {
            out.add(m.node);
        }
        return out;
    }

    /** The call stack shown for a CPU, innermost first. */
    public List<String> stackTexts(int cpu) {
        return cpu < stacks.size() ? stacks.get(cpu).texts() : List.of();
    }

    // ---- the frame -----------------------------------------------------------------------------------------

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        lastFull = f;
        if (streaming && f.recentTrace().size() > STREAMING_LINES) {
            // while playing fast only the newest lines are drawn: the bars fly past too quickly to read anyway,
            // and the full picture comes back as soon as playback stops (see setStreaming)
            List<TraceEntry> t = f.recentTrace();
            f = new Frame(f.time(), f.event(), f.furthest(), f.design(), f.cpus(), f.vcpus(), f.stats(),
                    f.violations(), t.subList(t.size() - STREAMING_LINES, t.size()), f.traceSize(), f.source());
        }
        rememberAnchor();
        frame = f;
        ensureLanes(f.cpus().size());
        buildModel(f);
        showStacks(f);
        summary.setText(summaryText(f));
        boolean none = bars.isEmpty() && marks.isEmpty();
        empty.setVisible(none);
        empty.setManaged(none);
        modelDirty = true;
        requestLayout();
    }

    /** How many trace lines the timeline draws while frames stream in fast (playback). */
    static final int STREAMING_LINES = 90;
    private boolean streaming;
    private Frame lastFull;

    /**
     * Playback is running (true) or stopped (false). While it runs, each frame draws only its newest lines, which
     * keeps a draw short; when it stops, the frame on show is drawn again with all its lines.
     */
    public void setStreaming(boolean on) {
        if (streaming == on) {
            return;
        }
        streaming = on;
        if (!on && lastFull != null) {
            show(lastFull);
        }
    }

    private static String summaryText(Frame f) {
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

    private void ensureLanes(int n) {
        if (lanes.size() == n) {
            return;
        }
        for (Lane l : lanes) {
            lanesBox.getChildren().remove(l.box);
        }
        lanes.clear();
        nodes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Lane l = new Lane(i);
            lanes.add(l);
            lanesBox.getChildren().add(l.box);
        }
        stackBox.getChildren().clear();
        stacks.clear();
        for (int i = 0; i < n; i++) {
            StackSection s = new StackSection(i);
            stacks.add(s);
            stackBox.getChildren().add(s.box);
        }
    }

    // ---- building the model: pairing ENTER and LEAVE, rows, columns ------------------------------------------

    /** One place along the x axis: trace lines of one event (split where a bar or mark would collide). */
    static final class Column {
        final long event;
        final long time;
        final boolean timeChanged;
        final List<Bar> starts = new ArrayList<>();
        final List<Bar> ends = new ArrayList<>();
        final List<Mark> laneMarks = new ArrayList<>();
        final List<Mark> axisMarks = new ArrayList<>();
        final boolean[] marksOn;
        final boolean[] leftOn;
        boolean kernel;
        Label timeLabel;
        double x;
        double w;

        Column(long event, long time, boolean timeChanged, int laneCount) {
            this.event = event;
            this.time = time;
            this.timeChanged = timeChanged;
            this.marksOn = new boolean[laneCount];
            this.leftOn = new boolean[laneCount];
        }
    }

    /** One drawn piece of a function's run on one lane. */
    static final class Bar {
        final String name;
        final KernelFunction fn;
        TraceEntry entry;
        final Context context;
        final int depth;
        final int lane;
        final int row;
        final int startCol;
        final boolean openLeft;
        final boolean resumed;
        final Bar parent;
        int endCol = -1;
        boolean leaf;
        boolean suspended;
        boolean hasChildren;
        Label node;
        double x0;
        double x1;
        double childEnd;
        double labelW;

        Bar(String name, TraceEntry entry, Context context, int depth, int lane, int row, int startCol,
            boolean openLeft, boolean resumed, Bar parent) {
            this.name = name;
            this.fn = functionOf(name);
            this.entry = entry;
            this.context = context;
            this.depth = depth;
            this.lane = lane;
            this.row = row;
            this.startCol = startCol;
            this.openLeft = openLeft;
            this.resumed = resumed;
            this.parent = parent;
            if (parent != null) {
                parent.hasChildren = true;
            }
        }
    }

    /** A small mark (a register access, a GIC change, a violation...), drawn under the function that made it. */
    static final class Mark {
        final TraceEntry entry;
        final int lane;
        final int row;
        final int col;
        Label node;

        Mark(TraceEntry entry, int lane, int row, int col) {
            this.entry = entry;
            this.lane = lane;
            this.row = row;
            this.col = col;
        }
    }

    /** Who runs kernel code: a vCPU's thread (which may move between CPUs) or a CPU's interrupt handling. */
    static final class Context {
        final String key;
        final boolean interrupt;
        /** Open functions, outermost first. */
        final List<Bar> open = new ArrayList<>();
        /** Functions whose drawing stopped because another thread ran here or the thread moved. */
        final List<Bar> suspendedFrames = new ArrayList<>();
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

    private static String contextKey(TraceEntry e) {
        return "interrupt".equals(e.why()) ? "interrupt@" + e.cpu() : String.valueOf(e.why());
    }

    private void buildModel(Frame f) {
        columns.clear();
        bars.clear();
        marks.clear();
        List<TraceEntry> trace = f.recentTrace();
        int laneCount = lanes.size();
        Map<String, Context> contexts = new LinkedHashMap<>();
        Context[] laneThread = new Context[laneCount];
        Map<String, List<Pre>> pre = preWindowFrames(trace, f, laneCount);

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
        Column col = null;
        long prevEvent = Long.MIN_VALUE;
        long prevTime = Long.MIN_VALUE;
        for (TraceEntry e : trace) {
            boolean isKernel = e.kind() == Kind.ENTER || e.kind() == Kind.LEAVE;
            boolean onAxis = e.kind() == Kind.COMMAND || e.cpu() < 0 || e.cpu() >= laneCount;
            boolean newEvent = col == null || e.event() != prevEvent;
            boolean split = !newEvent && (e.kind() == Kind.ENTER && (col.kernel || col.marksOn[e.cpu()])
                    || !isKernel && !onAxis && col.leftOn[e.cpu()]);
            if (newEvent || split) {
                col = new Column(e.event(), e.time(), newEvent && col != null && e.time() != prevTime, laneCount);
                columns.add(col);
                prevEvent = e.event();
                prevTime = e.time();
            }
            int c = columns.size() - 1;
            if (onAxis) {
                Mark m = new Mark(e, -1, 0, c);
                col.axisMarks.add(m);
                marks.add(m);
                continue;
            }
            int lane = e.cpu();
            if (!isKernel) {
                Mark m = new Mark(e, lane, markRow(lane, contexts, laneThread, pre), c);
                col.laneMarks.add(m);
                col.marksOn[lane] = true;
                marks.add(m);
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
                    ctx.irqBase = irqBase(laneThread[lane]);
                }
                Bar parent = ctx.open.isEmpty() ? null : ctx.open.get(ctx.open.size() - 1);
                Bar b = new Bar(nameOf(e.what()), e, ctx, e.depth(), lane, row(ctx, e.depth()), c, false, false,
                        parent);
                ctx.open.add(b);
                col.starts.add(b);
                bars.add(b);
            } else {
                Bar top = ctx.open.isEmpty() ? null : ctx.open.get(ctx.open.size() - 1);
                if (top != null && top.depth == e.depth()) {
                    ctx.open.remove(ctx.open.size() - 1);
                    if (top.entry == null) {
                        top.entry = e; // entered before the window: its LEAVE stands for it
                    }
                    end(top, c);
                } else {
                    // left, but not seen entered (the depths of the engine disagree): from the window's start
                    Bar b = new Bar(nameOf(e.what()), e, ctx, e.depth(), lane, row(ctx, e.depth()), c, true, false,
                            top);
                    bars.add(b);
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
            for (Bar o : bars) {
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
            Bar parent = null;
            for (Pre frameBefore : p) {
                Bar b = new Bar(frameBefore.name(), null, ctx, frameBefore.depth(), lane, frameBefore.depth(), start,
                        start == 0, start > 0, parent);
                b.hasChildren = true;
                if (start > 0) {
                    columns.get(start).starts.add(b);
                }
                ctx.open.add(b);
                bars.add(b);
                parent = b;
            }
        }
        // what is still open at the end: running (on a call stack), or a leaf that simply has no LEAVE
        for (Context ctx : contexts.values()) {
            for (Bar b : ctx.open) {
                if (!b.hasChildren && !b.openLeft && !inCallStack(f, ctx, b)) {
                    b.leaf = true;
                    end(b, b.startCol);
                }
            }
        }
        for (Column c : columns) {
            // deeper bars first, so that a parent encloses the labels of its children
            c.ends.sort((a, b) -> Integer.compare(b.row, a.row));
        }
        assignNodes();
    }

    private void end(Bar b, int c) {
        b.endCol = c;
        columns.get(c).ends.add(b);
    }

    /** Opens the functions a context was in before the window at the window's left edge. */
    private void openAtStart(Context ctx, List<Pre> p, Context[] laneThread) {
        int lane = p.get(0).lane();
        ctx.lane = lane;
        if (ctx.interrupt) {
            ctx.irqBase = irqBase(laneThread[lane]);
        }
        Bar parent = null;
        for (Pre frameBefore : p) {
            Bar b = new Bar(frameBefore.name(), null, ctx, frameBefore.depth(), lane, row(ctx, frameBefore.depth()),
                    0, true, false, parent);
            b.hasChildren = true;
            ctx.open.add(b);
            bars.add(b);
            parent = b;
        }
    }

    /** Opens the functions a context was in before the window, when the context first shows up in it. */
    private void openBefore(Context ctx, List<Pre> p, int lane, int c, Context[] laneThread) {
        ctx.lane = lane;
        if (ctx.interrupt) {
            ctx.irqBase = irqBase(laneThread[lane]);
        }
        Context before = ctx.interrupt ? null : laneThread[lane];
        boolean fromStart = before == null || before == ctx;
        Bar parent = null;
        for (Pre frameBefore : p) {
            Bar b = new Bar(frameBefore.name(), null, ctx, frameBefore.depth(), lane, row(ctx, frameBefore.depth()),
                    c, fromStart, !fromStart, parent);
            b.hasChildren = true;
            if (!fromStart) {
                columns.get(c).starts.add(b);
            }
            ctx.open.add(b);
            bars.add(b);
            parent = b;
        }
    }

    /**
     * Per context, the functions it was in before the window, outermost first: those it leaves in the window, and
     * for the thread each CPU runs now, the rest of its call stack.
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
                        p.add(new Pre(nameOf(e.what()), e.depth(), firstLane.get(key)));
                    }
                }
            }
        }
        for (Frame.Cpu cpu : f.cpus()) {
            int v = vcpuOf(cpu.current());
            if (cpu.index() >= laneCount || v < 0 || v >= f.vcpus().size()) {
                continue;
            }
            String key = "vcpu" + v + " thread";
            List<String> stack = f.vcpus().get(v).callStack();
            List<Integer> stillOpen = open.getOrDefault(key, List.of());
            List<Pre> p = pre.computeIfAbsent(key, k -> new ArrayList<>());
            int n = stack.size();
            for (int i = 0; i < n; i++) {
                int depth = n - 1 - i;
                if (!stillOpen.contains(depth) && p.stream().noneMatch(x -> x.depth() == depth)) {
                    p.add(new Pre(stack.get(i), depth, firstLane.getOrDefault(key, cpu.index())));
                }
            }
        }
        for (List<Pre> p : pre.values()) {
            p.sort((a, b) -> Integer.compare(a.depth(), b.depth()));
        }
        return pre;
    }

    private static boolean inCallStack(Frame f, Context ctx, Bar b) {
        List<String> stack;
        if (ctx.interrupt) {
            stack = b.lane < f.cpus().size() ? f.cpus().get(b.lane).callStack() : List.of();
        } else {
            int v = vcpuOf(ctx.key);
            stack = v >= 0 && v < f.vcpus().size() ? f.vcpus().get(v).callStack() : List.of();
        }
        return stack.contains(b.name);
    }

    /** The vCPU number in {@code vcpu3} or {@code vcpu3 thread}, or -1. */
    static int vcpuOf(String key) {
        if (key == null || !key.startsWith("vcpu")) {
            return -1;
        }
        int sp = key.indexOf(' ');
        try {
            return Integer.parseInt(key.substring(4, sp < 0 ? key.length() : sp));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The host's interrupt handling nests on top of what the CPU's thread is in (row 0 is always that thread). */
    private static int irqBase(Context thread) {
        int base = 1;
        if (thread != null) {
            for (Bar b : thread.open) {
                base = Math.max(base, b.row + 1);
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
            Bar parent = null;
            for (Bar s : ctx.suspendedFrames) {
                Bar b = new Bar(s.name, s.entry, ctx, s.depth, lane, row(ctx, s.depth), c, false, true, parent);
                b.hasChildren |= s.hasChildren;
                ctx.open.add(b);
                columns.get(c).starts.add(b);
                bars.add(b);
                parent = b;
            }
            ctx.suspendedFrames.clear();
        }
    }

    private void suspend(Context ctx) {
        int last = Math.max(ctx.lastCol, 0);
        for (Bar b : ctx.open) {
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
            Bar b = ctx.open.remove(ctx.open.size() - 1);
            b.leaf = !b.hasChildren;
            end(b, b.hasChildren ? Math.max(ctx.lastCol, b.startCol) : b.startCol);
        }
    }

    // ---- nodes ---------------------------------------------------------------------------------------------

    private record BarKey(TraceEntry entry, String name, int depth, long startColEvent, int segment) { }

    private void assignNodes() {
        Map<Object, Node> next = new HashMap<>();
        List<Object> barKeys = new ArrayList<>(bars.size());
        Map<Object, Integer> seen = new HashMap<>();
        // 1. the lines still in the window keep their nodes
        for (Bar b : bars) {
            long ev = b.startCol < columns.size() ? columns.get(b.startCol).event : 0;
            Object base = new BarKey(b.entry, b.name, b.depth, ev, 0);
            int n = seen.merge(base, 1, Integer::sum) - 1;
            Object key = new BarKey(b.entry, b.name, b.depth, ev, n);
            barKeys.add(key);
            Node node = nodes.remove(key);
            if (node != null && node.getParent() == lanes.get(b.lane).content) {
                b.node = (Label) node;
                next.put(key, node);
            } else if (node != null) {
                release(node);
            }
        }
        List<Object> markKeys = new ArrayList<>(marks.size());
        Map<TraceEntry, Integer> seenMarks = new HashMap<>();
        for (Mark m : marks) {
            int n = seenMarks.merge(m.entry, 1, Integer::sum) - 1;
            Object key = List.of(m.entry, n);
            markKeys.add(key);
            Node node = nodes.remove(key);
            Pool pool = m.lane < 0 ? axisLabels : lanes.get(m.lane).marks;
            if (node != null && node.getParent() == pool.parent && !node.getStyleClass().contains(BAR_CLASS)) {
                m.node = (Label) node;
                next.put(key, node);
            } else if (node != null) {
                release(node);
            }
        }
        // 2. the nodes of lines that left the window are free again
        for (Node n : nodes.values()) {
            release(n);
        }
        // 3. new lines take free nodes
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            List<String> classes = barClasses(b);
            if (b.node == null) {
                b.node = lanes.get(b.lane).bars.take(classes);
                next.put(barKeys.get(i), b.node);
            }
            styleBar(b, classes);
        }
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            List<String> classes = markClasses(m.entry);
            if (m.node == null) {
                m.node = (m.lane < 0 ? axisLabels : lanes.get(m.lane).marks).take(classes);
                next.put(markKeys.get(i), m.node);
            }
            styleMark(m, classes);
        }
        nodes = next;
        int breaks = 0;
        for (int i = 1; i < columns.size(); i++) {
            if (columns.get(i).timeChanged) {
                breaks++;
            }
        }
        for (Lane l : lanes) {
            l.bars.hideFree();
            l.marks.hideFree();
            l.breaks.resetUse();
            for (int i = 0; i < breaks; i++) {
                l.breaks.next();
            }
            l.breaks.hideRest();
        }
        axisLabels.hideFree();
        // the time labels above the lanes
        axisTimes.giveAll();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (i == 0 || c.timeChanged) {
                c.timeLabel = timeLabel(i);
            }
        }
        axisTimes.hideFree();
        markSelection();
    }

    private void release(Node n) {
        for (Lane l : lanes) {
            if (n.getParent() == l.content) {
                (l.bars.owns(n) ? l.bars : l.marks).give((Label) n);
                return;
            }
        }
        if (n.getParent() == axisViewport.content) {
            axisLabels.give((Label) n);
        }
    }

    private static List<String> barClasses(Bar b) {
        List<String> classes = new ArrayList<>(8);
        classes.add("label");
        classes.add(BAR_CLASS);
        classes.add(category(b.fn));
        if (b.leaf) {
            classes.add("ktl-leaf");
        }
        if (b.openLeft) {
            classes.add("ktl-open-left");
        }
        if (b.endCol < 0) {
            classes.add("ktl-open-right");
        }
        if (b.suspended) {
            classes.add("ktl-suspended");
        }
        if (b.resumed) {
            classes.add("ktl-resumed");
        }
        if (b.context.interrupt) {
            classes.add("ktl-interrupt");
        }
        return classes;
    }

    private void styleBar(Bar b, List<String> classes) {
        Label n = b.node;
        if (!b.name.equals(n.getText())) {
            n.setText(b.name);
        }
        if (!n.getStyleClass().equals(classes)) {
            n.getStyleClass().setAll(classes);
        }
        n.setUserData(b.entry);
        n.setAccessibleText(b.name + (b.entry != null ? " on pcpu" + b.lane + ", event " + b.entry.event() : ""));
        n.getProperties().put(Bar.class, b);
        n.setVisible(true);
    }

    private static List<String> markClasses(TraceEntry e) {
        String kindClass = switch (e.kind()) {
            case REGISTER_READ -> "ktl-read";
            case REGISTER_WRITE -> "ktl-write";
            case GIC -> "ktl-gic";
            case LIST_REGISTER -> "ktl-lr";
            case GUEST -> "ktl-guest";
            case WARNING -> "ktl-warning";
            case VIOLATION -> "ktl-violation";
            case COMMAND -> "ktl-command";
            default -> "ktl-state";
        };
        return List.of("label", MARK_CLASS, kindClass);
    }

    private void styleMark(Mark m, List<String> classes) {
        Label n = m.node;
        TraceEntry e = m.entry;
        String text = switch (e.kind()) {
            case VIOLATION -> violationWord(e.what());
            case COMMAND -> e.what();
            default -> "";
        };
        if (!text.equals(n.getText())) {
            n.setText(text);
        }
        Node graphic = null;
        if (e.kind() == Kind.VIOLATION) {
            graphic = icon(n, "mdi2f-flag");
        } else if (e.kind() == Kind.WARNING) {
            graphic = icon(n, "mdi2a-alert");
        } else if (e.kind() == Kind.COMMAND) {
            graphic = icon(n, "mdi2c-console-line");
        }
        if (n.getGraphic() != graphic) {
            n.setGraphic(graphic);
        }
        if (!n.getStyleClass().equals(classes)) {
            n.getStyleClass().setAll(classes);
        }
        n.setUserData(e);
        n.setAccessibleText(kindWord(e.kind()) + ": " + e.what());
        n.getProperties().remove(Bar.class);
        n.setVisible(true);
    }

    /** One icon per node and name, kept in the node's properties so that reuse costs nothing. */
    private static Node icon(Label n, String name) {
        Object o = n.getProperties().get("icon:" + name);
        if (o instanceof Node node) {
            return node;
        }
        FontIcon i = icon(name, n, 1.1);
        i.getStyleClass().add("ktl-icon");
        n.getProperties().put("icon:" + name, i);
        return i;
    }

    static String violationWord(String what) {
        if (what != null && what.matches("^I\\d+\\b.*")) {
            return "violation " + what.substring(0, what.indexOf(' ') < 0 ? what.length() : what.indexOf(' '));
        }
        return "violation";
    }

    private Label newBar() {
        Label l = new Label();
        l.getStyleClass().add(BAR_CLASS);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setAccessibleRole(AccessibleRole.BUTTON);
        tipOnFirstHover(l);
        l.setOnMouseClicked(this::clicked);
        l.setCursor(javafx.scene.Cursor.HAND);
        return l;
    }

    private Label newMark() {
        Label l = new Label();
        l.getStyleClass().add(MARK_CLASS);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setAccessibleRole(AccessibleRole.BUTTON);
        tipOnFirstHover(l);
        l.setOnMouseClicked(this::clicked);
        l.setCursor(javafx.scene.Cursor.HAND);
        return l;
    }

    private Label newAxisLabel() {
        return newMark();
    }

    private Label newTimeLabel() {
        Label l = new Label();
        l.getStyleClass().add("ktl-time");
        l.setMinWidth(Region.USE_PREF_SIZE);
        tipOnFirstHover(l);
        return l;
    }

    /**
     * Gives a bar, mark or time label its tooltip when the pointer first enters it: most of the nodes a run makes are
     * never pointed at, and a Tooltip is costly to make (it was a tenth of the time spent drawing frames).
     */
    private void tipOnFirstHover(Label l) {
        l.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (l.getTooltip() == null) {
                l.setTooltip(lazyTip(l));
            }
        });
    }

    private Tooltip lazyTip(Label l) {
        Tooltip t = new Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(520);
        t.setShowDelay(Duration.millis(250));
        t.setShowDuration(Duration.seconds(30));
        t.setOnShowing(e -> t.setText(describe(l)));
        t.setText(" ");
        return t;
    }

    private String describe(Label l) {
        Object b = l.getProperties().get(Bar.class);
        if (b instanceof Bar bar) {
            return describeBar(bar);
        }
        if (l.getUserData() instanceof TraceEntry e) {
            if (l.getStyleClass().contains("ktl-time")) {
                return "From here on the time is t = " + e.time() + " (system counter ticks). Kernel code takes no "
                        + "simulated time: everything between two breaks happened at one tick.";
            }
            return kindWord(e.kind()) + " · " + where(e) + "\n" + e.what()
                    + (e.why() == null || e.why().isEmpty() ? "" : "\nwhy: " + e.why())
                    + "\n\nClick to see in \"Why?\" what caused it.";
        }
        return "";
    }

    private String describeBar(Bar b) {
        StringBuilder sb = new StringBuilder();
        sb.append(b.name);
        if (b.entry != null && b.entry.kind() == Kind.ENTER && !b.entry.what().equals(b.name)) {
            sb.append("  —  ").append(b.entry.what());
        }
        sb.append('\n');
        if (b.fn != null && !b.fn.explanation().isEmpty()) {
            sb.append(b.fn.explanation()).append('\n');
        }
        sb.append('\n');
        if (b.context.interrupt) {
            sb.append("Runs in the host's interrupt handling on pcpu").append(b.lane)
                    .append(", on top of whatever that CPU was doing.\n");
        } else {
            sb.append("Runs in ").append(b.context.key).append(" on pcpu").append(b.lane).append(".\n");
        }
        if (b.entry != null) {
            sb.append(b.openLeft ? "Left at" : "Entered at").append(" event #").append(b.entry.event())
                    .append(", t = ").append(b.entry.time()).append(".\n");
        }
        if (b.openLeft) {
            sb.append("Entered before the recent trace window (the bar starts at its left edge).\n");
        }
        if (b.leaf) {
            sb.append("Calls nothing and returns at once: a short bar.\n");
        } else if (b.endCol < 0) {
            sb.append("Still running now: it is on the call stack (the bar is open to the right).\n");
        } else if (b.suspended) {
            sb.append("Its thread stopped running here (another thread ran, or it moved CPU); it continues "
                    + "later.\n");
        }
        if (b.resumed) {
            sb.append("Continues here after its thread was switched out or moved.\n");
        }
        if (b.entry != null) {
            sb.append("\nClick to see in \"Why?\" what caused it.");
        }
        return sb.toString().strip();
    }

    private static String where(TraceEntry e) {
        return (e.cpu() >= 0 ? "pcpu" + e.cpu() + " · " : "") + "event #" + e.event() + " · t = " + e.time()
                + " · " + e.actor();
    }

    static String kindWord(Kind k) {
        return switch (k) {
            case ENTER -> "function entered";
            case LEAVE -> "function returned";
            case REGISTER_READ -> "timer register read";
            case REGISTER_WRITE -> "timer register written";
            case GIC -> "GIC access or change";
            case LIST_REGISTER -> "list register";
            case STATE -> "state change";
            case GUEST -> "guest action";
            case COMMAND -> "command";
            case WARNING -> "warning";
            case VIOLATION -> "invariant violated";
            case HAZARD -> "kernel hazard";
        };
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || !(e.getSource() instanceof Node n)) {
            return;
        }
        if (n.getUserData() instanceof TraceEntry t) {
            selected.set(t);
            e.consume();
        }
    }

    private void markSelection() {
        TraceEntry s = selected.get();
        for (Bar b : bars) {
            b.node.pseudoClassStateChanged(SELECTED, s != null && s.equals(b.entry));
        }
        for (Mark m : marks) {
            m.node.pseudoClassStateChanged(SELECTED, s != null && s.equals(m.entry));
        }
    }

    // ---- geometry (in the layout pass, when CSS has sized every label) ---------------------------------------

    @Override
    protected void layoutChildren() {
        if (modelDirty || fontChanged()) {
            modelDirty = false;
            geometry();
        }
        super.layoutChildren();
    }

    private double lastEm;

    private boolean fontChanged() {
        double em = em();
        if (em != lastEm) {
            lastEm = em;
            return true;
        }
        return false;
    }

    private double em() {
        return orderLabel.getFont() == null ? 13 : orderLabel.getFont().getSize();
    }

    private void geometry() {
        // every x is a whole pixel, so that no name loses a pixel (and its end) to rounding
        double em = em();
        double pad = Math.ceil(0.5 * em);
        double sep = Math.ceil(0.3 * em);
        double timeGap = Math.ceil(2.6 * em);
        double minCol = Math.ceil(0.9 * em);
        double markGap = Math.ceil(0.28 * em);
        int laneCount = lanes.size();
        double barH = 0;
        for (Bar b : bars) {
            if (b.node.getSkin() == null) {
                // a bar made in this pulse and laid out before the scene's style pass (another view asked for a
                // layout at once): it must be styled to be measured, or its name is cut to nothing
                b.node.applyCss();
            }
            b.labelW = Math.ceil(b.node.prefWidth(-1) - shiftOf(b.node));
            barH = Math.max(barH, b.node.prefHeight(-1));
        }
        for (Mark m : marks) {
            if (m.node.getSkin() == null) {
                m.node.applyCss(); // as for the bars: measured only once styled
            }
            if (m.lane >= 0) {
                barH = Math.max(barH, m.node.prefHeight(-1));
            }
        }
        if (barH <= 0) {
            barH = 1.45 * em;
        }
        barH = Math.ceil(barH);
        double rowH = barH + Math.ceil(0.18 * em);
        int[] rows = new int[laneCount];
        for (Bar b : bars) {
            rows[b.lane] = Math.max(rows[b.lane], b.row + 1);
        }
        for (Mark m : marks) {
            if (m.lane >= 0) {
                rows[m.lane] = Math.max(rows[m.lane], m.row + 1);
            }
        }
        double[][] rowFree = new double[laneCount][];
        for (int l = 0; l < laneCount; l++) {
            rowFree[l] = new double[Math.max(rows[l], 1)];
        }
        double axisFree = 0;
        double axisRowH = Math.max(axisViewport.timeRowHeight(em), axisViewport.commandRowHeight(em));
        double x = pad;
        for (Bar b : bars) {
            b.x0 = 0;
            b.childEnd = 0;
        }
        times.clear();
        Map<Long, Double> groupW = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.timeChanged) {
                x += timeGap;
            }
            double cx = x;
            for (Bar b : c.starts) {
                cx = Math.max(cx, rowFree[b.lane][b.row] + sep);
            }
            groupW.clear();
            for (Mark m : c.laneMarks) {
                cx = Math.max(cx, rowFree[m.lane][m.row] + sep);
                groupW.merge((long) m.lane << 32 | m.row, Math.ceil(m.node.prefWidth(-1)) + markGap, Double::sum);
            }
            if (c.timeLabel != null || !c.axisMarks.isEmpty()) {
                cx = Math.max(cx, axisFree + sep);
            }
            double w = minCol;
            for (double gw : groupW.values()) {
                w = Math.max(w, gw + markGap);
            }
            c.x = cx;
            c.w = w;
            // marks, left to right in their row, bottom-aligned under the function that made them
            groupW.clear();
            for (Mark m : c.laneMarks) {
                long k = (long) m.lane << 32 | m.row;
                double mx = cx + markGap + groupW.getOrDefault(k, 0.0);
                double mw = Math.ceil(m.node.prefWidth(-1));
                double mh = m.node.prefHeight(-1);
                double top = m.row * rowH + (barH - mh);
                m.node.resizeRelocate(mx, snapPositionY(top), mw, snapSizeY(mh));
                groupW.merge(k, mw + markGap, Double::sum);
                rowFree[m.lane][m.row] = Math.max(rowFree[m.lane][m.row], mx + mw);
            }
            // above the lanes, in one row: the time where it changes, then the commands
            double ax = cx;
            if (c.timeLabel != null) {
                Label t = c.timeLabel;
                double tw = Math.ceil(t.prefWidth(-1));
                double th = t.prefHeight(-1);
                t.resizeRelocate(ax, snapPositionY((axisRowH - th) / 2), tw, snapSizeY(th));
                times.add(new double[] {ax, tw});
                ax += tw + sep;
                axisFree = ax - sep;
            }
            for (Mark m : c.axisMarks) {
                double mw = Math.ceil(m.node.prefWidth(-1));
                double mh = m.node.prefHeight(-1);
                m.node.resizeRelocate(ax, snapPositionY((axisRowH - mh) / 2), mw, snapSizeY(mh));
                ax += mw + sep;
                axisFree = ax - sep;
            }
            for (Bar b : c.starts) {
                b.x0 = cx;
            }
            for (Bar b : c.ends) {
                closeGeometry(b, cx + w, rowFree);
            }
            x = cx + w;
        }
        // the row above the lanes may reach further right than the lanes (a command's or a violation's label at
        // the newest instant): the content must hold it, or it is cut at the edge with nothing left to scroll
        double end = Math.max(x, axisFree) + pad;
        for (Bar b : bars) {
            if (b.endCol < 0) {
                // still running: open to the right edge, after every closed bar
                end = Math.max(end, Math.max(b.x0 + b.labelW, b.childEnd) + Math.ceil(1.5 * em));
            }
        }
        for (Bar b : bars) {
            if (b.endCol < 0) {
                b.x1 = end;
            }
        }
        contentWidth = end + pad;
        // vertical placement, time breaks and sizes of every lane
        for (int l = 0; l < laneCount; l++) {
            Lane lane = lanes.get(l);
            double h = Math.max(rows[l], 1) * rowH + 0.2 * em;
            int used = 0;
            for (int i = 1; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (c.timeChanged && used < lane.breaks.all.size()) {
                    Region r = lane.breaks.all.get(used++);
                    double bw = timeGap - 2 * sep;
                    r.resizeRelocate(c.x - timeGap + sep, 0, bw, snapSizeY(h));
                    r.setUserData(new long[] {columns.get(i - 1).time, c.time});
                }
            }
            lane.content.setPrefSize(contentWidth, h);
            lane.content.setMinSize(contentWidth, h);
            lane.content.setMaxSize(contentWidth, h);
        }
        for (Bar b : bars) {
            b.node.resizeRelocate(b.x0, snapPositionY(b.row * rowH), b.x1 - b.x0, snapSizeY(barH));
        }
        double axisH = Math.ceil(axisRowH + 0.15 * em);
        axisViewport.content.setPrefSize(contentWidth, axisH);
        axisViewport.content.setMinSize(contentWidth, axisH);
        axisViewport.content.setMaxSize(contentWidth, axisH);
        axisViewport.setPrefHeight(axisH);
        axisViewport.setMinHeight(axisH);
        updateScrollRange();
        if (following) {
            revealNewestLater();
        }
    }

    /** Where the time labels sit, for keeping the current one in sight: {x, width} left to right. */
    private final List<double[]> times = new ArrayList<>();

    private void closeGeometry(Bar b, double colEnd, double[][] rowFree) {
        b.x1 = Math.max(Math.max(colEnd, b.x0 + b.labelW), b.childEnd);
        rowFree[b.lane][b.row] = Math.max(rowFree[b.lane][b.row], b.x1);
        if (b.parent != null) {
            b.parent.childEnd = Math.max(b.parent.childEnd, b.x1);
        }
    }

    private Label timeLabel(int col) {
        Column c = columns.get(col);
        Label t = axisTimes.take();
        String text = "t = " + String.format(Locale.ROOT, "%,d", c.time);
        if (!text.equals(t.getText())) {
            t.setText(text);
        }
        TraceEntry first = firstEntryOf(col);
        t.setUserData(first);
        t.setVisible(true);
        return t;
    }

    private TraceEntry firstEntryOf(int col) {
        Column c = columns.get(col);
        if (!c.starts.isEmpty()) {
            return c.starts.get(0).entry;
        }
        if (!c.laneMarks.isEmpty()) {
            return c.laneMarks.get(0).entry;
        }
        return c.axisMarks.isEmpty() ? null : c.axisMarks.get(0).entry;
    }

    // ---- scrolling -------------------------------------------------------------------------------------------

    private void updateScrollRange() {
        double view = axisViewport.getWidth();
        double max = Math.max(0, contentWidth - view);
        adjusting = true;
        try {
            hbar.setMin(0);
            hbar.setMax(max);
            hbar.setVisibleAmount(max <= 0 ? 1 : max * view / Math.max(1, contentWidth));
            hbar.setUnitIncrement(2 * em());
            hbar.setBlockIncrement(Math.max(2 * em(), view * 0.8));
            if (following) {
                hbar.setValue(max);
            } else if (anchorEvent != Long.MIN_VALUE) {
                double v = 0;
                for (Column c : columns) {
                    if (c.event == anchorEvent) {
                        v = c.x + anchorDelta;
                        break;
                    }
                }
                hbar.setValue(Math.max(0, Math.min(max, v)));
            } else {
                hbar.setValue(Math.min(hbar.getValue(), max));
            }
        } finally {
            adjusting = false;
        }
        hbar.setDisable(max <= 0);
        applyOffset();
    }

    private void rememberAnchor() {
        if (following || columns.isEmpty()) {
            anchorEvent = Long.MIN_VALUE;
            return;
        }
        double v = hbar.getValue();
        for (Column c : columns) {
            if (c.x + c.w > v) {
                anchorEvent = c.event;
                anchorDelta = v - c.x;
                return;
            }
        }
        anchorEvent = Long.MIN_VALUE;
    }

    private void scrolled() {
        if (!adjusting) {
            following = hbar.getValue() >= hbar.getMax() - 1;
        }
        follow.setDisable(following);
        applyOffset();
    }

    private void applyOffset() {
        double off = Math.round(hbar.getValue());
        axisViewport.content.setTranslateX(-off);
        for (Lane l : lanes) {
            l.viewport.content.setTranslateX(-off);
        }
        // names stay in sight: a bar that starts left of the view shows its name at the view's left edge
        for (Bar b : bars) {
            double shift = 0;
            if (b.x0 < off && b.x1 > off) {
                shift = Math.max(0, Math.min(off - b.x0, b.x1 - b.x0 - b.labelW));
            }
            setShift(b.node, shift);
        }
        // and so does the time of the leftmost events
        double sep = 0.3 * em();
        int i = 0;
        for (Column c : columns) {
            if (c.timeLabel == null || i >= times.size()) {
                continue;
            }
            double[] t = times.get(i++);
            double next = i < times.size() ? times.get(i)[0] : Double.MAX_VALUE;
            double at = t[0];
            if (at < off) {
                at = Math.max(t[0], Math.min(off, next - t[1] - sep));
            }
            c.timeLabel.setTranslateX(at - t[0]);
            pinned.add(new double[] {at, at + t[1] + sep});
        }
        // commands that the time held at the left edge would cover step aside (they are scrolled away anyway)
        for (Mark m : marks) {
            if (m.lane >= 0) {
                continue;
            }
            double mx = m.node.getLayoutX();
            double mw = m.node.getWidth();
            boolean covered = false;
            for (double[] p : pinned) {
                covered |= mx < p[1] && mx + mw > p[0];
            }
            m.node.setVisible(!covered);
        }
        pinned.clear();
    }

    private final List<double[]> pinned = new ArrayList<>();

    private static double shiftOf(Label l) {
        return l.getGraphic() instanceof Region r && r.getStyleClass().contains("ktl-shift") ? r.getMinWidth() : 0;
    }

    /** Moves a bar's name right by {@code shift} pixels with an empty graphic in front of it. */
    private static void setShift(Label l, double shift) {
        double now = shiftOf(l);
        if (Math.abs(now - shift) < 0.5) {
            return;
        }
        if (shift < 0.5) {
            l.setGraphic(null);
            return;
        }
        Region spacer = (Region) l.getProperties().computeIfAbsent("ktl-shift", k -> {
            Region r = new Region();
            r.getStyleClass().add("ktl-shift");
            r.setMouseTransparent(true);
            return r;
        });
        spacer.setMinWidth(shift);
        spacer.setPrefWidth(shift);
        spacer.setMaxWidth(shift);
        if (l.getGraphic() != spacer) {
            l.setGraphic(spacer);
        }
    }

    private boolean revealPending;

    /** While following, keeps the newest function in sight vertically too (after the lanes are laid out). */
    private void revealNewestLater() {
        if (revealPending) {
            return;
        }
        revealPending = true;
        javafx.application.Platform.runLater(() -> {
            revealPending = false;
            Bar newest = null;
            for (Bar b : bars) {
                if (!b.openLeft && (newest == null || b.startCol >= newest.startCol)) {
                    newest = b;
                }
            }
            Node target = newest != null ? newest.node : null;
            if (target == null) {
                for (Mark m : marks) {
                    if (m.lane >= 0) {
                        target = m.node;
                    }
                }
            }
            if (target != null && following) {
                revealVertically(target);
            }
        });
    }

    private void revealVertically(Node n) {
        revealVertically(n, false);
    }

    /** Scrolls the lanes vertically so that {@code n} is in sight: near the top, or as low as possible. */
    private void revealVertically(Node n, boolean atTop) {
        lanesScroll.layout();
        double viewH = lanesScroll.getViewportBounds().getHeight();
        double contentH = lanesBox.getHeight();
        if (viewH <= 0 || contentH <= viewH) {
            return;
        }
        javafx.geometry.Bounds b = lanesBox.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double top = (contentH - viewH) * lanesScroll.getVvalue();
        if (b.getMinY() >= top && b.getMaxY() <= top + viewH) {
            return;
        }
        double want = atTop ? b.getMinY() - 2.2 * em() : b.getMaxY() <= viewH ? 0 : b.getMaxY() - viewH * 0.75;
        want = Math.max(0, Math.min(contentH - viewH, Math.min(want, b.getMinY())));
        lanesScroll.setVvalue(want / (contentH - viewH));
    }

    /**
     * Scrolls so that the bar or mark of a trace line is in sight (the timeline then stops following the newest
     * event unless the line is at the end).
     *
     * @return whether the line is drawn
     */
    public boolean reveal(TraceEntry e) {
        Node node = null;
        double x0 = 0;
        double x1 = 0;
        for (Bar b : bars) {
            if (e != null && e.equals(b.entry)) {
                node = b.node;
                x0 = b.x0;
                x1 = Math.min(b.x1, b.x0 + b.labelW);
                break;
            }
        }
        if (node == null) {
            for (Mark m : marks) {
                if (e != null && e.equals(m.entry)) {
                    node = m.node;
                    x0 = node.getLayoutX();
                    x1 = x0 + node.getLayoutBounds().getWidth();
                    break;
                }
            }
        }
        if (node == null) {
            return false;
        }
        applyCss();
        layout();
        double view = axisViewport.getWidth();
        double off = hbar.getValue();
        if (x0 < off || x1 > off + view) {
            scrollTo(Math.max(0, x0 - view * 0.25));
        }
        revealVertically(node, true);
        return true;
    }

    private void scrollTo(double value) {
        hbar.setValue(Math.max(hbar.getMin(), Math.min(hbar.getMax(), value)));
    }

    /** Scrolls to the newest event and follows it again. */
    public void followNewest() {
        following = true;
        adjusting = true;
        hbar.setValue(hbar.getMax());
        adjusting = false;
        follow.setDisable(true);
        applyOffset();
    }

    /** Scrolls the lanes by {@code dx} pixels (negative: towards older events); the user scrolled away. */
    public void scrollBy(double dx) {
        scrollTo(hbar.getValue() + dx);
    }

    private void wheel(ScrollEvent e) {
        double dx = e.getDeltaX();
        if (dx == 0 && e.isShiftDown()) {
            dx = e.getDeltaY();
        }
        if (dx != 0) {
            scrollBy(-dx);
            e.consume();
        }
    }

    private void pressed(MouseEvent e) {
        dragStartX = e.getScreenX();
        dragStartValue = hbar.getValue();
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            hbar.setValue(Math.max(0, Math.min(hbar.getMax(), dragStartValue - (e.getScreenX() - dragStartX))));
        }
    }

    // ---- the call stacks -------------------------------------------------------------------------------------

    private void showStacks(Frame f) {
        for (int i = 0; i < stacks.size() && i < f.cpus().size(); i++) {
            stacks.get(i).show(f, f.cpus().get(i));
        }
        boolean several = lanes.size() > 1; // with one CPU the call stack's heading names it
        for (Lane l : lanes) {
            if (l.index < f.cpus().size()) {
                l.header.setText(laneTitle(f, f.cpus().get(l.index)));
            }
            l.header.setVisible(several);
            l.header.setManaged(several);
        }
    }

    static String runsWhat(Frame f, Frame.Cpu cpu) {
        String cur = cpu.current();
        if (cur.startsWith("vcpu")) {
            int v = vcpuOf(cur);
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

    private static String laneTitle(Frame f, Frame.Cpu cpu) {
        return "pcpu" + cpu.index() + " · runs " + runsWhat(f, cpu);
    }

    /** The call stack of one CPU now, innermost on top. */
    private final class StackSection {
        final VBox box = new VBox();
        final Label title = new Label();
        final Label runs = new Label();
        final VBox list = new VBox();
        final List<Label> labels = new ArrayList<>();

        StackSection(int cpu) {
            title.setText("pcpu" + cpu + " call stack");
            title.getStyleClass().add("ktl-stack-title");
            title.setTooltip(tip("The kernel functions running on pcpu" + cpu + " now, innermost on top (the host's "
                    + "interrupt handling, if any, above the vCPU thread's functions)."));
            runs.getStyleClass().addAll("vt-muted", "ktl-stack-runs");
            runs.setWrapText(true);
            runs.setTooltip(tip("What pcpu" + cpu + " runs now."));
            list.getStyleClass().add("ktl-stack-list");
            box.getStyleClass().add("ktl-stack");
            box.getChildren().addAll(title, runs, list);
        }

        void show(Frame f, Frame.Cpu cpu) {
            List<String> stack = cpu.callStack();
            runs.setText(stack.isEmpty() ? (cpu.current().equals("idle") ? "idle: no kernel code"
                    : "no kernel function: " + runsWhat(f, cpu)) : "runs " + runsWhat(f, cpu));
            while (labels.size() < stack.size()) {
                Label l = new Label();
                l.setMinWidth(Region.USE_PREF_SIZE);
                Tooltip t = new Tooltip();
                t.setWrapText(true);
                t.setMaxWidth(480);
                t.setShowDelay(Duration.millis(250));
                l.setTooltip(t);
                labels.add(l);
            }
            List<Node> shown = new ArrayList<>();
            for (int i = 0; i < stack.size(); i++) {
                Label l = labels.get(i);
                String name = stack.get(i);
                if (!name.equals(l.getText())) {
                    l.setText(name);
                    KernelFunction fn = functionOf(name);
                    l.getStyleClass().setAll("label", "ktl-stack-fn", category(fn));
                    l.getTooltip().setText(name + (i == 0 ? "  (innermost: running now)" : "") + "\n"
                            + (fn == null ? "" : fn.explanation()));
                }
                shown.add(l);
            }
            if (!list.getChildren().equals(shown)) {
                list.getChildren().setAll(shown);
            }
        }

        List<String> texts() {
            List<String> out = new ArrayList<>();
            for (Node n : list.getChildren()) {
                out.add(((Label) n).getText());
            }
            return out;
        }
    }

    // ---- lanes -----------------------------------------------------------------------------------------------

    /** A clipped window on a wide content pane, scrolled by translating the content. */
    static class Viewport extends Region {
        final Canvas content = new Canvas();
        final Rectangle clip = new Rectangle();

        Viewport() {
            getChildren().add(content);
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
            setMinWidth(0);
            setPrefWidth(0);
        }

        double timeRowHeight(double em) {
            double h = 1.3 * em;
            for (Node n : content.getChildren()) {
                if (n.isVisible() && n.getStyleClass().contains("ktl-time")) {
                    h = Math.max(h, ((Label) n).prefHeight(-1));
                }
            }
            return Math.ceil(h + 0.1 * em);
        }

        double commandRowHeight(double em) {
            double h = 0;
            for (Node n : content.getChildren()) {
                if (n.isVisible() && n.getStyleClass().contains(MARK_CLASS)) {
                    h = Math.max(h, ((Label) n).prefHeight(-1));
                }
            }
            return h;
        }

        @Override
        protected double computePrefHeight(double width) {
            return content.getPrefHeight();
        }

        @Override
        protected double computeMinHeight(double width) {
            return content.getMinHeight();
        }

        @Override
        protected void layoutChildren() {
            content.resizeRelocate(0, 0, content.getPrefWidth(), content.getPrefHeight());
        }
    }

    /** A pane whose children are placed by the timeline's geometry, never by the layout. */
    static final class Canvas extends javafx.scene.layout.Pane {
        @Override
        protected void layoutChildren() {
            // positions and sizes come from KernelTimelineView.geometry()
        }
    }

    /**
     * Hidden, reusable nodes of one kind in one parent. Free nodes are kept by their style classes: a new line takes
     * a node that already has the classes it needs, so that reusing it changes no style class and JavaFX does not
     * match its CSS again (the costliest part of drawing a frame).
     */
    static final class Pool {
        final Canvas parent;
        final java.util.function.Supplier<Label> make;
        final Map<List<String>, Deque<Label>> free = new HashMap<>();
        final java.util.Set<Label> freeSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final List<Label> all = new ArrayList<>();
        final java.util.Set<Label> allSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Pool(Canvas parent, java.util.function.Supplier<Label> make) {
            this.parent = parent;
            this.make = make;
        }

        /** A free node, one with style classes {@code classes} if there is one. */
        Label take(List<String> classes) {
            Label l = null;
            Deque<Label> same = classes == null ? null : free.get(classes);
            if (same != null) {
                l = same.pollFirst();
            }
            if (l == null) {
                for (Deque<Label> d : free.values()) {
                    l = d.pollFirst();
                    if (l != null) {
                        break;
                    }
                }
            }
            if (l != null) {
                freeSet.remove(l);
            } else {
                l = make.get();
                all.add(l);
                allSet.add(l);
                parent.getChildren().add(l);
            }
            l.setVisible(true);
            return l;
        }

        Label take() {
            return take(null);
        }

        boolean owns(Node n) {
            return n instanceof Label l && allSet.contains(l);
        }

        void give(Label l) {
            if (freeSet.add(l)) {
                free.computeIfAbsent(List.copyOf(l.getStyleClass()), k -> new ArrayDeque<>()).addLast(l);
            }
        }

        void giveAll() {
            for (Label l : all) {
                give(l);
            }
        }

        void hideFree() {
            for (Deque<Label> d : free.values()) {
                for (Label l : d) {
                    l.setVisible(false);
                    l.setUserData(null);
                    l.getProperties().remove(Bar.class);
                }
            }
        }
    }

    /** Reusable time-break regions of one lane. */
    static final class Breaks {
        final Canvas parent;
        final List<Region> all = new ArrayList<>();
        int used;

        Breaks(Canvas parent) {
            this.parent = parent;
        }

        void resetUse() {
            used = 0;
        }

        Region next() {
            if (used == all.size()) {
                Region r = new Region();
                r.getStyleClass().add("ktl-time-break");
                Tooltip t = tip("");
                t.setOnShowing(e -> t.setText(r.getUserData() instanceof long[] span
                        ? String.format(Locale.ROOT, "Time passes here: from t = %,d to t = %,d (%,d ticks). Kernel "
                        + "code takes no simulated time, so the lanes are drawn in event order and the time "
                        + "only moves at these breaks.", span[0], span[1], span[1] - span[0])
                        : "Time passes here."));
                Tooltip.install(r, t);
                all.add(r);
                parent.getChildren().add(0, r);
            }
            Region r = all.get(used++);
            r.setVisible(true);
            return r;
        }

        void hideRest() {
            for (int i = used; i < all.size(); i++) {
                all.get(i).setVisible(false);
            }
        }
    }

    private final class Lane {
        final int index;
        final Label header = new Label();
        final Viewport viewport = new Viewport();
        final Canvas content = viewport.content;
        final Pool bars;
        final Pool marks;
        final Breaks breaks;
        final VBox box;

        Lane(int index) {
            this.index = index;
            header.getStyleClass().add("ktl-lane-title");
            header.setTooltip(tip("Physical CPU " + index + ": the kernel functions that ran on it, outermost on "
                    + "top, and below them its register accesses and other marks."));
            header.setMinWidth(0);
            bars = new Pool(content, KernelTimelineView.this::newBar);
            marks = new Pool(content, KernelTimelineView.this::newMark);
            breaks = new Breaks(content);
            content.getStyleClass().add("ktl-lane-content");
            content.setOnMousePressed(KernelTimelineView.this::pressed);
            content.setOnMouseDragged(KernelTimelineView.this::dragged);
            viewport.getStyleClass().add("ktl-lane");
            box = new VBox(header, viewport);
            box.getStyleClass().add("ktl-lane-box");
        }

    }


    // ---- the key ---------------------------------------------------------------------------------------------

    private void buildKey() {
        key.getStyleClass().add("ktl-key");
        key.setHgap(10);
        key.setVgap(4);
        String[][] cats = {
            {"ktl-cat-run", "run loop, exits", "The KVM_RUN loop: entering and leaving the guest, handling exits."},
            {"ktl-cat-block", "blocking", "kvm_vcpu_block and its hooks: the vCPU waits for a wake-up."},
            {"ktl-cat-sched", "schedule, put, load", "The host scheduler switches the vCPU thread out (put) and "
                    + "back in (load): only flow 1 sleeps this way."},
            {"ktl-cat-timer", "timer save/restore", "The timer's own work: save, restore, CNTVOFF, the background "
                    + "timer."},
            {"ktl-cat-vgic", "vGIC", "The virtual GIC: list registers flushed and synced, PPI 27's active state."},
            {"ktl-cat-irq", "host interrupt", "The host takes a physical interrupt (it nests on top of what the CPU "
                    + "was running)."},
        };
        for (String[] c : cats) {
            Label l = new Label(c[1]);
            l.getStyleClass().addAll("ktl-key-item", BAR_CLASS + "-swatch", c[0]);
            l.setTooltip(tip(c[2]));
            key.getChildren().add(l);
        }
        String[][] markKey = {
            {"ktl-read", "register read", "The hypervisor reads a timer register (a short tick)."},
            {"ktl-write", "register write", "A timer register is written (a tall tick)."},
            {"ktl-gic", "GIC", "A GIC access or a change of PPI 27's state (a diamond)."},
            {"ktl-lr", "list register", "A list register written, read back or changed by the guest."},
            {"ktl-guest", "guest", "Something the guest did."},
            {"ktl-state", "state", "Another change of state (a mode, a flag, a line)."},
        };
        for (String[] m : markKey) {
            Label mark = new Label();
            mark.getStyleClass().addAll(MARK_CLASS, m[0]);
            mark.setMinWidth(Region.USE_PREF_SIZE);
            Label l = new Label(m[1], mark);
            l.getStyleClass().add("ktl-key-item");
            l.setTooltip(tip(m[2]));
            key.getChildren().add(l);
        }
        Label v = new Label("violation");
        v.setGraphic(icon("mdi2f-flag", v, 1.1));
        v.getStyleClass().addAll("ktl-key-item", "ktl-key-violation");
        v.setTooltip(tip("An invariant of the simulation was violated (a red flag)."));
        key.getChildren().add(v);
    }

    // ---- kernel functions ------------------------------------------------------------------------------------

    private static final KernelFunction[] BY_LENGTH = Arrays.stream(KernelFunction.values())
            .filter(f -> f != KernelFunction.LEAVE)
            .sorted((a, b) -> Integer.compare(b.kernelName().length(), a.kernelName().length()))
            .toArray(KernelFunction[]::new);

    /**
     * The kernel function a trace line's text names: the longest {@link KernelFunction#kernelName()} that starts
     * it and is followed by nothing, a space or an argument list.
     */
    public static KernelFunction functionOf(String what) {
        if (what == null) {
            return null;
        }
        for (KernelFunction f : BY_LENGTH) {
            String k = f.kernelName();
            if (what.startsWith(k) && (what.length() == k.length() || what.charAt(k.length()) == ' '
                    || what.charAt(k.length()) == '(')) {
                return f;
            }
        }
        return null;
    }

    /** The name a bar shows: the kernel function's name without its arguments. */
    static String nameOf(String what) {
        KernelFunction f = functionOf(what);
        return f != null ? f.kernelName() : what;
    }

    static String category(KernelFunction f) {
        if (f == null) {
            return "ktl-cat-run";
        }
        return switch (f) {
            case KVM_VCPU_BLOCK, KVM_ARCH_VCPU_BLOCKING, KVM_ARCH_VCPU_UNBLOCKING, HALT_POLL, HALT_POLL_CHECK,
                 BLOCK_WAIT -> "ktl-cat-block";
            case SCHEDULE, KVM_SCHED_OUT, KVM_SCHED_IN, CONTEXT_SWITCH, SWITCH_TO, VCPU_LOAD, VCPU_PUT,
                 KVM_ARCH_VCPU_LOAD, KVM_ARCH_VCPU_PUT, CLEAR_RUNNING_VCPU -> "ktl-cat-sched";
            case KVM_TIMER_VCPU_LOAD, KVM_TIMER_VCPU_PUT, SET_CNTVOFF, VTIMER_RESTORE_STATE, VTIMER_SAVE_STATE,
                 KVM_TIMER_SCHEDULE, KVM_TIMER_UNSCHEDULE, SOFT_TIMER_START, SOFT_TIMER_CANCEL,
                 KVM_TIMER_FLUSH_HWSTATE, KVM_TIMER_SYNC_HWSTATE, KVM_ARM_TIMER_SET_REG -> "ktl-cat-timer";
            case KVM_VGIC_FLUSH_HWSTATE, KVM_VGIC_SYNC_HWSTATE, TIMER_SET_ACTIVE_STATE, KVM_VGIC_MMIO_WRITE_ENABLE ->
                    "ktl-cat-vgic";
            case GIC_HANDLE_IRQ, GIC_WRITE_EOIR, KVM_ARCH_TIMER_HANDLER, GIC_EOIMODE1_EOI_IRQ -> "ktl-cat-irq";
            default -> "ktl-cat-run";
        };
    }

    /** An icon whose size follows the font of the control that shows it (so it grows with the zoom). */
    static FontIcon icon(String code, javafx.scene.control.Labeled owner, double scale) {
        FontIcon i = new FontIcon(code);
        i.iconSizeProperty().bind(javafx.beans.binding.Bindings.createIntegerBinding(
                () -> (int) Math.round((owner.getFont() == null ? 13 : owner.getFont().getSize()) * scale),
                owner.fontProperty()));
        return i;
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(480);
        t.setShowDelay(Duration.millis(300));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }
}
