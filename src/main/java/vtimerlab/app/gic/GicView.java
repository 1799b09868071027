package vtimerlab.app.gic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Polygon;
import javafx.scene.text.Font;
import javafx.util.Duration;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.EmScale;
import vtimerlab.app.view.WholeWords;
import vtimerlab.engine.core.TraceEntry;

/**
 * The state machine of PPI 27 (the virtual timer's interrupt) in the chosen physical CPU's GIC redistributor: the
 * four states of GICv3 4.1.2 as a square, every transition arrow labelled by its cause, the current state lit and
 * marked "now". When the state changes between two frames the arrow that explains it flashes, and a caption says
 * what caused the newest change (read from the frame's newest trace lines). Below: EOImode, running priority,
 * forwarding, enable and line level.
 */
public final class GicView extends VBox implements CpuDiagram {
    /** The stylesheet of this view, the list register view and the counters. */
    public static final String CSS = "/vtimerlab/app/gic-lr-counters.css";
    static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    static final PseudoClass LAST = PseudoClass.getPseudoClass("last");
    public static final PseudoClass FLASH = PseudoClass.getPseudoClass("flash");
    static final PseudoClass ON = PseudoClass.getPseudoClass("on");

    public static final String CAPTION_ID = "gic-last-change";

    /** The four GIC states of an interrupt, spelled as the scenario language spells them. */
    public enum State {
        INACTIVE("inactive", "inactive",
                "Inactive: not pending and not active. The GIC has nothing to signal for PPI 27."),
        PENDING("pending", "pending",
                "Pending: the timer's line is high, so the GIC will signal PPI 27 to this CPU as soon as it is "
                        + "enabled and its priority beats the running priority and the priority mask."),
        ACTIVE("active", "active",
                "Active: acknowledged (or set active by software) and not yet deactivated. An active interrupt is "
                        + "never signalled again, however long its line stays high."),
        ACTIVE_PENDING("active_pending", "active+pending",
                "Active and pending: being handled while the line is still high. It is signalled again only after "
                        + "it is deactivated; then it is simply pending.");

        final String path;
        final String word;
        final String tip;

        State(String path, String word, String tip) {
            this.path = path;
            this.word = word;
            this.tip = tip;
        }

        /** The state for a path value ({@code active_pending}), or null. */
        public static State of(String path) {
            if (path == null) {
                return null;
            }
            for (State s : values()) {
                if (s.path.equals(path.trim())) {
                    return s;
                }
            }
            return null;
        }

        /** How a student reads it: {@code active+pending}. */
        public String word() {
            return word;
        }

        public String cssName() {
            return path.replace('_', '-');
        }
    }

    /** The transitions the diagram draws. */
    public enum Edge {
        RISE_IDLE(State.INACTIVE, State.PENDING, "line rises",
                "Line rises: the timer's output goes high (ENABLE=1, IMASK=0 and the count reached CVAL), so the "
                        + "level-sensitive PPI 27 becomes pending."),
        FALL_IDLE(State.PENDING, State.INACTIVE, "line falls",
                "Line falls before anyone acknowledged it (timer masked, disabled or CVAL moved): a level-sensitive "
                        + "interrupt simply stops being pending."),
        RISE_ACTIVE(State.ACTIVE, State.ACTIVE_PENDING, "line rises",
                "Line rises while PPI 27 is still active: it becomes active and pending, but it is not signalled "
                        + "until it is deactivated."),
        FALL_ACTIVE(State.ACTIVE_PENDING, State.ACTIVE, "line falls",
                "Line falls while PPI 27 is active and pending (the guest masked its timer): only the active part "
                        + "remains."),
        ACKNOWLEDGE(State.PENDING, State.ACTIVE_PENDING, "acknowledge\n(IAR)",
                "Acknowledge: the host reads ICC_IAR1_EL1 and gets 27. Pending becomes active; the line of the timer "
                        + "is still high, so it is active and pending. (KVM's GICR_ISACTIVER0 write makes the same "
                        + "move without an acknowledge.)"),
        SET_ACTIVE(State.INACTIVE, State.ACTIVE, "set active\n(ISACTIVER0)",
                "Set active by software: KVM writes GICR_ISACTIVER0 (irq_set_irqchip_state), for instance in "
                        + "kvm_timer_vcpu_load, so the timer cannot interrupt the host while the guest owns it."),
        DEACTIVATE(State.ACTIVE, State.INACTIVE, "deactivate",
                "Deactivate: the host's ICC_EOIR1_EL1 in EOImode 0, the host's ICC_DIR_EL1 in EOImode 1, the "
                        + "guest's EOI passed through a list register with HW=1, or KVM's GICR_ICACTIVER0 write."),
        DEACTIVATE_PENDING(State.ACTIVE_PENDING, State.PENDING, "deactivate",
                "Deactivate while the line is still high: PPI 27 is pending again at once and will be signalled "
                        + "again. This is the re-fire behind every interrupt storm.");

        final State from;
        final State to;
        final String text;
        final String tip;

        Edge(State from, State to, String text, String tip) {
            this.from = from;
            this.to = to;
            this.text = text;
            this.tip = tip;
        }

        /** The drawn arrow from one state to another, or null if none is drawn. */
        public static Edge of(State from, State to) {
            for (Edge e : values()) {
                if (e.from == from && e.to == to) {
                    return e;
                }
            }
            return null;
        }

        String cssName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One change of PPI 27's state found in the trace, with its cause in words. */
    public record Change(State from, State to, String cause, long event) {
        public Edge edge() {
            return Edge.of(from, to);
        }
    }

    private int cpu;
    private Frame previous;
    private Frame shown;

    private final Label where = chip();
    private final Label caption = new Label();
    private final Diagram diagram = new Diagram();
    private final Label forwarded = chip();
    private final Label enabled = chip();
    private final Label line = chip();
    private final Label eoiMode = new Label();
    private final Label priority = new Label();
    private Timeline flashing;

    public GicView() {
        getStylesheets().add(GicView.class.getResource(CSS).toExternalForm());
        getStyleClass().add("gic-view");
        setSpacing(6);
        setFillWidth(true);
        setMinSize(0, 0);

        where.setTooltip(tip("Which CPU's GIC this is: PPI 27 is private to each CPU, so every physical CPU has its "
                + "own copy of this state machine in its redistributor. Choose the CPU in the toolbar."));
        caption.setId(CAPTION_ID);
        caption.getStyleClass().addAll("vt-label", "gic-caption");
        caption.setWrapText(true);
        caption.setTooltip(tip("The newest change of PPI 27's state and what caused it, read from the trace. When "
                + "a step changes the state, the arrow that explains it flashes."));

        forwarded.setTooltip(tip("Forwarded to a vCPU (irq_set_vcpu_affinity): the host's interrupt handler does "
                + "not deactivate PPI 27 (no DIR), it leaves it active for the guest, whose EOI deactivates it "
                + "through the list register's HW bit. Set at boot for every CPU in the v4.15 design."));
        enabled.setTooltip(tip("Enabled (GICR_ISENABLER0): a disabled interrupt can still become pending, but the "
                + "GIC never signals it to the CPU."));
        line.setTooltip(tip("The level of the timer's output line into the GIC (ENABLE && !IMASK && CNTVCT >= "
                + "CVAL). PPI 27 is level-sensitive: pending follows the line until it is acknowledged."));
        FlowPane chips = new FlowPane(6, 4, where, forwarded, enabled, line);
        chips.setMinWidth(0);
        eoiMode.getStyleClass().addAll("vt-label", "gic-info");
        eoiMode.setWrapText(true);
        eoiMode.setTooltip(tip("ICC_CTLR_EL1.EOImode. 0: one EOIR write both drops the running priority and "
                + "deactivates. 1 (Linux at EL2): EOIR only drops the priority, and a separate ICC_DIR_EL1 write "
                + "deactivates; that split is what lets KVM leave PPI 27 active for the guest."));
        priority.getStyleClass().addAll("vt-label", "gic-info");
        priority.setWrapText(true);
        priority.setTooltip(tip("The CPU interface's running priority: the priority of the interrupt being handled "
                + "(0xA0 for every interrupt under Linux), or idle (0xFF) once the EOI dropped it. Only interrupts "
                + "of higher priority (lower number) are signalled meanwhile."));
        Label key = new Label("deactivate = host EOIR in EOImode 0, host DIR, the guest's EOI through the HW bit, "
                + "or KVM's GICR_ICACTIVER0 write");
        key.getStyleClass().addAll("vt-muted", "gic-key");
        key.setWrapText(true);
        key.setTooltip(tip(Edge.DEACTIVATE.tip));
        for (Label l : new Label[] {caption, eoiMode, priority, key}) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        WholeWords.keep(caption);
        VBox info = new VBox(4, chips, eoiMode, priority, key);
        info.setMinWidth(0);

        Responsive body = new Responsive(diagram, info, eoiMode);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(caption, body);
        showNothing();
    }

    /** Chooses which physical CPU's GIC is drawn. */
    public void setCpu(int cpu) {
        if (cpu == this.cpu) {
            return;
        }
        this.cpu = cpu;
        previous = null;
        if (shown != null) {
            Frame f = shown;
            shown = null;
            show(f);
        }
    }

    public int cpu() {
        return cpu;
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        previous = shown;
        shown = f;
        if (cpu >= f.cpus().size()) {
            showNothing();
            where.setText("no pcpu" + cpu);
            return;
        }
        Frame.Cpu c = f.cpus().get(cpu);
        Frame.Irq irq = c.ppi27();
        State now = State.of(irq.state());
        where.setText("pcpu" + cpu);
        diagram.setCurrent(now);

        List<Change> all = changes(f.recentTrace(), cpu, null);
        Change newest = all.isEmpty() ? null : all.get(all.size() - 1);
        if (newest == null) {
            caption.setText("last change: none in the recent trace; PPI 27 is " + word(now));
            diagram.setLast(null);
        } else {
            caption.setText("last change: " + newest.cause() + ": " + newest.from().word() + " → "
                    + newest.to().word() + " (event #" + newest.event() + ")");
            diagram.setLast(newest.edge());
        }

        // a step forward that changed the state: flash the arrows of the changes it contains; any other move
        // (back, a jump to another run) flashes nothing
        Frame p = previous;
        if (p != null && !forward(p, f)) {
            flash(List.of());
        }
        if (p != null && forward(p, f) && cpu < p.cpus().size()) {
            State before = State.of(p.cpus().get(cpu).ppi27().state());
            if (before != now) {
                int n = (int) Math.min(f.recentTrace().size(), (long) f.traceSize() - p.traceSize());
                List<TraceEntry> fresh = f.recentTrace().subList(f.recentTrace().size() - n,
                        f.recentTrace().size());
                List<Edge> edges = new ArrayList<>();
                for (Change ch : changes(fresh, cpu, before)) {
                    if (ch.edge() != null && !edges.contains(ch.edge())) {
                        edges.add(ch.edge());
                    }
                }
                if (edges.isEmpty() && Edge.of(before, now) != null) {
                    edges.add(Edge.of(before, now));
                }
                flash(edges);
            }
        }

        forwarded.setText(irq.forwarded() ? "forwarded to a vCPU" : "not forwarded");
        forwarded.pseudoClassStateChanged(ON, irq.forwarded());
        enabled.setText(irq.enabled() ? "enabled" : "disabled");
        enabled.pseudoClassStateChanged(ON, irq.enabled());
        line.setText(irq.level() ? "line high" : "line low");
        line.pseudoClassStateChanged(ON, irq.level());
        eoiMode.setText(c.eoiMode1() ? "EOImode 1: EOI only drops priority; DIR deactivates"
                : "EOImode 0: EOI also deactivates");
        int rp = c.runningPriority();
        priority.setText(rp >= 0xFF ? "running priority: idle (0xFF)"
                : String.format(Locale.ROOT, "running priority: 0x%02X (handling an interrupt)", rp));
    }

    private void showNothing() {
        where.setText("pcpu" + cpu);
        caption.setText("last change: none (no machine yet)");
        diagram.setCurrent(null);
        diagram.setLast(null);
        forwarded.setText("not forwarded");
        enabled.setText("disabled");
        line.setText("line low");
        eoiMode.setText("EOImode: unknown");
        priority.setText("running priority: unknown");
    }

    private void flash(List<Edge> edges) {
        if (flashing != null) {
            flashing.stop();
            diagram.clearFlash();
        }
        if (edges.isEmpty()) {
            return;
        }
        Timeline t = new Timeline();
        for (int i = 0; i <= 6; i++) {
            boolean on = i % 2 == 0 && i < 6;
            t.getKeyFrames().add(new KeyFrame(Duration.millis(200 * i), e -> edges.forEach(x -> diagram.flash(x,
                    on))));
        }
        t.setOnFinished(e -> diagram.clearFlash());
        flashing = t;
        diagram.flashed.addAll(edges);
        edges.forEach(x -> diagram.flash(x, true));
        t.play();
    }

    /** True while an arrow is flashing (for tests). */
    boolean isFlashing(Edge e) {
        return flashing != null && flashing.getStatus() == javafx.animation.Animation.Status.RUNNING
                && diagram.flashed.contains(e);
    }

    /** The arrow that explains the newest change (drawn lit), or null. */
    public Edge lastEdge() {
        return diagram.last;
    }

    /** The state drawn as "now", or null. */
    public State currentState() {
        return diagram.current;
    }

    /** The caption under the title ("last change: ..."). */
    public String caption() {
        return caption.getText();
    }

    /** Every text the view shows, for tests and screen readers. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    public static void collect(Node n, List<String> out) {
        if (n instanceof Label l && l.isVisible()) {
            out.add(l.getText());
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    // ---- reading the trace ------------------------------------------------------------------------------------

    public static boolean forward(Frame before, Frame after) {
        return before.source().equals(after.source()) && after.event() >= before.event()
                && after.traceSize() > before.traceSize();
    }

    /**
     * The changes of PPI 27 on {@code cpu} that the trace lines describe, oldest first. {@code start} is the state
     * before the first line, if known; lines that leave the state as it was are not changes.
     */
    public static List<Change> changes(List<TraceEntry> lines, int cpu, State start) {
        List<Change> out = new ArrayList<>();
        State at = start;
        for (TraceEntry e : lines) {
            if (e.cpu() != cpu || e.what() == null) {
                continue;
            }
            String w = e.what();
            State from = null;
            boolean explicit = false;
            State to;
            String cause;
            if (w.startsWith("output line rises; PPI 27 ") || w.startsWith("output line falls; PPI 27 ")) {
                String[] fromTo = w.substring("output line rises; PPI 27 ".length()).split(" -> ");
                if (fromTo.length != 2) {
                    continue;
                }
                from = State.of(fromTo[0]);
                to = State.of(fromTo[1]);
                explicit = true;
                String why = e.why() == null ? "" : e.why();
                int cut = why.indexOf(" (output");
                String detail = cut > 0 ? why.substring(0, cut) : why;
                cause = "the timer's output line " + (w.contains("rises") ? "rose" : "fell")
                        + (detail.isEmpty() ? "" : " (" + detail + ")");
            } else if (w.startsWith("ICC_IAR1_EL1 -> 27; PPI 27 ")) {
                to = State.of(w.substring("ICC_IAR1_EL1 -> 27; PPI 27 ".length()));
                cause = "host acknowledged (ICC_IAR1_EL1)";
            } else if (w.startsWith("priority drop") && w.contains("also deactivates: PPI 27 ")) {
                to = State.of(w.substring(w.indexOf("also deactivates: PPI 27 ") + 25));
                cause = "host EOI deactivated it (ICC_EOIR1_EL1, EOImode 0)";
            } else if (w.startsWith("PPI 27 deactivated: ")) {
                to = State.of(w.substring("PPI 27 deactivated: ".length()));
                cause = "host deactivated it (ICC_DIR_EL1)";
            } else if (w.contains("HW=1: physical PPI 27 deactivated too, now ")) {
                to = State.of(w.substring(w.indexOf(", now ") + 6));
                String who = w.startsWith("vcpu") ? w.substring(0, w.indexOf(' ')) + "'s" : "the guest's";
                cause = who + " EOI deactivated it through the HW bit (ICV_EOIR1_EL1)";
            } else if (w.startsWith("GICR_ISACTIVER0: PPI 27 ") || w.startsWith("GICR_ICACTIVER0: PPI 27 ")) {
                boolean set = w.startsWith("GICR_IS");
                to = State.of(w.substring("GICR_ISACTIVER0: PPI 27 ".length()));
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
                out.add(new Change(from, to, cause, e.event()));
            }
        }
        return out;
    }

    /** The state before a line that only says where it ended. */
    private static State inferFrom(State to, String what) {
        boolean setsActive = what.startsWith("GICR_ISACTIVER0") || what.startsWith("ICC_IAR1_EL1");
        if (setsActive) {
            return to == State.ACTIVE ? State.INACTIVE : to == State.ACTIVE_PENDING ? State.PENDING : null;
        }
        return to == State.INACTIVE ? State.ACTIVE : to == State.PENDING ? State.ACTIVE_PENDING : null;
    }

    public static String word(State s) {
        return s == null ? "unknown" : s.word();
    }

    // ---- small helpers shared by the three views -------------------------------------------------------------

    public static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(32 * Font.getDefault().getSize());
        t.setShowDelay(Duration.millis(250));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    static Label chip() {
        Label l = new Label();
        l.getStyleClass().addAll("vt-chip", "vtl-chip");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    // ---- the state diagram ------------------------------------------------------------------------------------

    /** A state: a rounded box with a colour dot, the state's name and, when current, the word "now". */
    static final class StateNode extends VBox {
        final Label name;
        final Label now = new Label("now");

        StateNode(State s) {
            Region dot = new Region();
            dot.getStyleClass().addAll("gic-dot", "gic-dot-" + s.cssName());
            name = new Label(s.word(), dot);
            name.getStyleClass().add("gic-state-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            now.getStyleClass().add("gic-now");
            now.setVisible(false);
            getChildren().addAll(name, now);
            getStyleClass().addAll("gic-state", "gic-state-" + s.cssName());
            setAlignment(Pos.CENTER);
            setId("gic-state-" + s.cssName());
            Tooltip.install(this, tip(s.tip));
        }

        void setCurrent(boolean current) {
            pseudoClassStateChanged(CURRENT, current);
            now.setVisible(current);
            setAccessibleText(name.getText() + (current ? ", now" : ""));
        }
    }

    /** An arrow: a line and a head, styled by class; lit when it explains the newest change, flashing on a change. */
    static final class Arrow extends Group {
        final Polyline line = new Polyline();
        final Polygon head = new Polygon();

        Arrow(Edge e) {
            line.getStyleClass().add("gic-arrow-line");
            head.getStyleClass().add("gic-arrow-head");
            getChildren().addAll(line, head);
            getStyleClass().addAll("gic-arrow", "gic-arrow-" + e.cssName());
            setId("gic-arrow-" + e.cssName());
            setManaged(false);
            Tooltip.install(this, tip(e.tip));
        }

        /** Through the points (x, y, x, y, ...), the head at the last one. */
        void set(double headLength, double headHalf, double... xy) {
            int n = xy.length;
            double x2 = xy[n - 2];
            double y2 = xy[n - 1];
            double dx = x2 - xy[n - 4];
            double dy = y2 - xy[n - 3];
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            double ux = dx / len;
            double uy = dy / len;
            double bx = x2 - ux * headLength;
            double by = y2 - uy * headLength;
            Double[] pts = new Double[n];
            for (int i = 0; i < n - 2; i++) {
                pts[i] = xy[i];
            }
            pts[n - 2] = bx;
            pts[n - 1] = by;
            line.getPoints().setAll(pts);
            head.getPoints().setAll(x2, y2, bx - uy * headHalf, by + ux * headHalf, bx + uy * headHalf,
                    by - ux * headHalf);
        }
    }

    /**
     * The four states and their transitions. Where the width allows, a square: inactive and pending on top, active
     * and active+pending below; lines rise to the right and fall to the left, acknowledge and set active go down,
     * deactivate goes up. In a narrow place, a column: inactive, pending, active+pending, active from top to
     * bottom, with set active and the deactivation of an active interrupt as long arrows on the sides. Laid out from
     * the font's size; if the space is still smaller than that, the drawing is scaled down so that no text overlaps
     * or is clipped.
     */
    static final class Diagram extends Region {
        final Map<State, StateNode> nodes = new EnumMap<>(State.class);
        final Map<Edge, Arrow> arrows = new EnumMap<>(Edge.class);
        final Map<Edge, Label> labels = new EnumMap<>(Edge.class);
        final java.util.Set<Edge> flashed = java.util.EnumSet.noneOf(Edge.class);
        final Pane content = new Pane() {
            @Override
            protected void layoutChildren() {
                // positions are set by the diagram
            }
        };
        final EmScale scale = new EmScale(content, this::requestLayout);
        State current;
        Edge last;
        boolean tall;

        Diagram() {
            getStyleClass().add("gic-diagram");
            for (Edge e : Edge.values()) {
                Arrow a = new Arrow(e);
                arrows.put(e, a);
                Label l = new Label(e.text);
                l.getStyleClass().add("gic-arrow-label");
                l.setId("gic-label-" + e.cssName());
                l.setTooltip(tip(e.tip));
                l.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
                labels.put(e, l);
                content.getChildren().addAll(a, l);
            }
            for (State s : State.values()) {
                StateNode n = new StateNode(s);
                nodes.put(s, n);
                content.getChildren().add(n);
            }
            getChildren().addAll(content, scale.probe());
            setMinSize(0, 0);
        }

        void setCurrent(State s) {
            current = s;
            nodes.forEach((k, n) -> n.setCurrent(k == s));
        }

        void setLast(Edge e) {
            last = e;
            arrows.forEach((k, a) -> a.pseudoClassStateChanged(LAST, k == e));
            labels.forEach((k, l) -> l.pseudoClassStateChanged(LAST, k == e));
        }

        void flash(Edge e, boolean on) {
            arrows.get(e).pseudoClassStateChanged(FLASH, on);
            labels.get(e).pseudoClassStateChanged(FLASH, on);
        }

        void clearFlash() {
            flashed.clear();
            for (Edge e : Edge.values()) {
                flash(e, false);
            }
        }

        private double em() {
            Font f = nodes.get(State.INACTIVE).name.getFont();
            return f == null ? 13 : f.getSize();
        }

        /** The natural (unscaled) measures of both layouts. */
        private final class Geometry {
            final double em = em();
            final double d = 0.55 * em;
            final double sep = 0.75 * em;
            final double pad = 0.35 * em;
            final double gap = 0.25 * em;
            final double nodeW;
            final double nodeH;
            // the square
            final double lblH;
            final double rowH;
            final double gH;
            final double gV;
            final double sideL;
            final double sideR;
            final double mw;
            final double mh;
            // the column
            final double lane = 1.1 * em;
            final double tcx;
            final double tGap;
            final double tTop;
            final double tBottom;
            final double tw;
            final double th;

            Geometry() {
                double w = 0;
                double h = 0;
                for (StateNode n : nodes.values()) {
                    w = Math.max(w, n.prefWidth(-1));
                }
                for (StateNode n : nodes.values()) {
                    h = Math.max(h, n.prefHeight(w));
                }
                nodeW = w;
                nodeH = h;
                double hw = 0;
                double hh = 0;
                for (Edge e : new Edge[] {Edge.RISE_IDLE, Edge.FALL_IDLE, Edge.RISE_ACTIVE, Edge.FALL_ACTIVE}) {
                    hw = Math.max(hw, lw(e));
                    hh = Math.max(hh, lh(e));
                }
                lblH = hh;
                rowH = Math.max(nodeH, 2 * lblH + sep + 2 * gap);
                gH = Math.max(Math.max(hw + 2.4 * em, lw(Edge.SET_ACTIVE) + lw(Edge.ACKNOWLEDGE) + 2 * d + 3 * pad
                        - nodeW), 4 * em);
                double vh = 0;
                for (Edge e : new Edge[] {Edge.ACKNOWLEDGE, Edge.SET_ACTIVE, Edge.DEACTIVATE,
                    Edge.DEACTIVATE_PENDING}) {
                    vh = Math.max(vh, lh(e));
                }
                gV = Math.max(vh + 0.8 * em, 2.6 * em);
                sideL = Math.max(0, lw(Edge.DEACTIVATE) + pad - (nodeW / 2 - d));
                sideR = Math.max(0, lw(Edge.DEACTIVATE_PENDING) + pad - (nodeW / 2 - d));
                mw = sideL + 2 * nodeW + gH + sideR;
                mh = 2 * rowH + gV;

                // the column: down arrows with their labels on the left, up arrows with theirs on the right
                double left = Math.max(lw(Edge.RISE_IDLE), Math.max(lw(Edge.ACKNOWLEDGE), lw(Edge.FALL_ACTIVE)));
                double right = Math.max(lw(Edge.FALL_IDLE), Math.max(lw(Edge.DEACTIVATE_PENDING),
                        lw(Edge.RISE_ACTIVE)));
                double pairH = 0;
                for (Edge e : new Edge[] {Edge.RISE_IDLE, Edge.FALL_IDLE, Edge.ACKNOWLEDGE,
                    Edge.DEACTIVATE_PENDING, Edge.FALL_ACTIVE, Edge.RISE_ACTIVE}) {
                    pairH = Math.max(pairH, lh(e));
                }
                tcx = lane + Math.max(left + pad + d, nodeW / 2 + pad);
                tw = tcx + Math.max(d + pad + right, nodeW / 2 + pad) + lane;
                tGap = Math.max(pairH + 0.8 * em, 2.6 * em);
                tTop = lh(Edge.SET_ACTIVE) + gap;
                tBottom = lh(Edge.DEACTIVATE) + gap;
                th = tTop + 4 * nodeH + 3 * tGap + tBottom;
            }

            double lw(Edge e) {
                return labels.get(e).prefWidth(-1);
            }

            double lh(Edge e) {
                return labels.get(e).prefHeight(-1);
            }

            /** Whether the column suits a width (and a height, if known) better than the square. */
            boolean tall(double w, double h) {
                if (w >= mw) {
                    return false;
                }
                if (h <= 0) {
                    return true;
                }
                return Math.min(w / tw, h / th) > Math.min(w / mw, h / mh);
            }
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            Insets in = getInsets();
            return scale.natural(new Geometry().mw) + in.getLeft() + in.getRight();
        }

        @Override
        protected double computePrefHeight(double width) {
            Insets in = getInsets();
            Geometry g = new Geometry(); // measured at the present scale: natural = measured / factor
            double f = scale.factor();
            double w = width < 0 ? g.mw / f : width - in.getLeft() - in.getRight();
            double h = g.tall(w * f, -1) ? g.th / f * Math.min(1, w * f / g.tw) : g.mh / f * Math.min(1, w * f / g.mw);
            return h + in.getTop() + in.getBottom();
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computeMinHeight(double width) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            Insets in = getInsets();
            double w = getWidth() - in.getLeft() - in.getRight();
            double h = getHeight() - in.getTop() - in.getBottom();
            if (w <= 0 || h <= 0) {
                return;
            }
            Geometry g = new Geometry();
            double f = scale.factor();
            scale.box(w);
            tall = g.tall(w * f, h * f);
            // never smaller than the text needs (drawn smaller instead); a little larger when there is room
            double s = Math.min(1.25, f * Math.min(w / (tall ? g.tw : g.mw), h / (tall ? g.th : g.mh)));
            if (scale.set(s)) {
                g = new Geometry();
                double over = Math.min(w / (tall ? g.tw : g.mw), h / (tall ? g.th : g.mh));
                if (over < 1 && scale.set(scale.factor() * over)) {
                    g = new Geometry(); // text widths do not scale quite in proportion
                }
            }
            double nw = tall ? g.tw : g.mw;
            double nh = tall ? g.th : g.mh;
            double vw = Math.min(w, nw * 1.5);
            double vh = Math.min(h, nh * 1.4);
            content.resize(vw, vh);
            content.relocate(in.getLeft() + (w - vw) / 2, in.getTop() + (h - vh) / 2);
            if (tall) {
                layoutColumn(g, vw, vh);
            } else {
                layoutSquare(g, vw, vh);
            }
        }

        private void layoutSquare(Geometry g, double vw, double vh) {
            double x0 = g.sideL;
            double x1 = vw - g.sideR - g.nodeW;
            double topY = (g.rowH - g.nodeH) / 2;
            double botY = vh - g.rowH + (g.rowH - g.nodeH) / 2;
            place(State.INACTIVE, x0, topY, g);
            place(State.PENDING, x1, topY, g);
            place(State.ACTIVE, x0, botY, g);
            place(State.ACTIVE_PENDING, x1, botY, g);

            double hl = 0.6 * g.em;
            double hh = 0.32 * g.em;
            double m = 0.3 * g.em;
            // horizontal pairs: rises (upper, to the right), falls (lower, to the left)
            for (int row = 0; row < 2; row++) {
                double cy = row == 0 ? g.rowH / 2 : vh - g.rowH / 2;
                Edge rise = row == 0 ? Edge.RISE_IDLE : Edge.RISE_ACTIVE;
                Edge fall = row == 0 ? Edge.FALL_IDLE : Edge.FALL_ACTIVE;
                double a = x0 + g.nodeW + m;
                double b = x1 - m;
                double up = cy - g.sep / 2;
                double down = cy + g.sep / 2;
                arrows.get(rise).set(hl, hh, a, up, b, up);
                arrows.get(fall).set(hl, hh, b, down, a, down);
                double mid = (a + b) / 2;
                put(rise, mid - g.lw(rise) / 2, up - g.gap - g.lh(rise), g);
                put(fall, mid - g.lw(fall) / 2, down + g.gap, g);
            }
            // vertical pairs: the left column (deactivate up, set active down), the right one (acknowledge down,
            // deactivate up)
            double topBottom = topY + g.nodeH + m;
            double botTop = botY - m;
            double midY = vh / 2;
            double cxL = x0 + g.nodeW / 2;
            double cxR = x1 + g.nodeW / 2;
            arrows.get(Edge.DEACTIVATE).set(hl, hh, cxL - g.d, botTop, cxL - g.d, topBottom);
            arrows.get(Edge.SET_ACTIVE).set(hl, hh, cxL + g.d, topBottom, cxL + g.d, botTop);
            arrows.get(Edge.ACKNOWLEDGE).set(hl, hh, cxR - g.d, topBottom, cxR - g.d, botTop);
            arrows.get(Edge.DEACTIVATE_PENDING).set(hl, hh, cxR + g.d, botTop, cxR + g.d, topBottom);
            put(Edge.DEACTIVATE, cxL - g.d - g.pad - g.lw(Edge.DEACTIVATE), midY - g.lh(Edge.DEACTIVATE) / 2, g);
            put(Edge.SET_ACTIVE, cxL + g.d + g.pad, midY - g.lh(Edge.SET_ACTIVE) / 2, g);
            put(Edge.ACKNOWLEDGE, cxR - g.d - g.pad - g.lw(Edge.ACKNOWLEDGE), midY - g.lh(Edge.ACKNOWLEDGE) / 2, g);
            put(Edge.DEACTIVATE_PENDING, cxR + g.d + g.pad, midY - g.lh(Edge.DEACTIVATE_PENDING) / 2, g);
        }

        private void layoutColumn(Geometry g, double vw, double vh) {
            double hl = 0.6 * g.em;
            double hh = 0.32 * g.em;
            double m = 0.3 * g.em;
            double extra = Math.max(0, vw - g.tw) / 2;
            double cx = g.tcx + extra;
            double gap = (vh - g.tTop - g.tBottom - 4 * g.nodeH) / 3;
            State[] order = {State.INACTIVE, State.PENDING, State.ACTIVE_PENDING, State.ACTIVE};
            double[] top = new double[4];
            for (int i = 0; i < 4; i++) {
                top[i] = g.tTop + i * (g.nodeH + gap);
                place(order[i], cx - g.nodeW / 2, top[i], g);
            }
            Edge[][] pairs = {{Edge.RISE_IDLE, Edge.FALL_IDLE}, {Edge.ACKNOWLEDGE, Edge.DEACTIVATE_PENDING},
                {Edge.FALL_ACTIVE, Edge.RISE_ACTIVE}};
            for (int i = 0; i < 3; i++) {
                double a = top[i] + g.nodeH + m;
                double b = top[i + 1] - m;
                double mid = (a + b) / 2;
                Edge down = pairs[i][0];
                Edge up = pairs[i][1];
                arrows.get(down).set(hl, hh, cx - g.d, a, cx - g.d, b);
                arrows.get(up).set(hl, hh, cx + g.d, b, cx + g.d, a);
                put(down, cx - g.d - g.pad - g.lw(down), mid - g.lh(down) / 2, g);
                put(up, cx + g.d + g.pad, mid - g.lh(up) / 2, g);
            }
            // the long ones: set active down the left side, deactivate (active -> inactive) up the right side
            double iy = top[0] + g.nodeH / 2;
            double ay = top[3] + g.nodeH / 2;
            double xl = extra + g.lane / 2;
            double xr = vw - extra - g.lane / 2;
            double nl = cx - g.nodeW / 2;
            double nr = cx + g.nodeW / 2;
            arrows.get(Edge.SET_ACTIVE).set(hl, hh, nl, iy, xl, iy, xl, ay, nl - m, ay);
            arrows.get(Edge.DEACTIVATE).set(hl, hh, nr, ay, xr, ay, xr, iy, nr + m, iy);
            put(Edge.SET_ACTIVE, extra, 0, g);
            put(Edge.DEACTIVATE, vw - extra - g.lw(Edge.DEACTIVATE), vh - g.lh(Edge.DEACTIVATE), g);
        }

        private void place(State s, double x, double y, Geometry g) {
            nodes.get(s).resizeRelocate(x, y, g.nodeW, g.nodeH);
        }

        private void put(Edge e, double x, double y, Geometry g) {
            labels.get(e).resizeRelocate(x, y, g.lw(e), g.lh(e));
        }
    }

    /** Two parts side by side when the width allows it, else one above the other. */
    static final class Responsive extends Region {
        private final Region main;
        private final Region side;
        private final Label emSource;
        private final double gap = 10;

        Responsive(Region main, Region side, Label emSource) {
            this.main = main;
            this.side = side;
            this.emSource = emSource;
            getChildren().addAll(main, side);
            setMinSize(0, 0);
        }

        private double sideWidth() {
            Font f = emSource.getFont();
            return 15 * (f == null ? Font.getDefault().getSize() : f.getSize());
        }

        private boolean wide(double width) {
            return width >= main.prefWidth(-1) + gap + sideWidth();
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return main.prefWidth(-1) + gap + sideWidth();
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = width < 0 ? computePrefWidth(-1) : width;
            if (wide(w)) {
                double mainW = w - gap - sideWidth();
                return Math.max(main.prefHeight(mainW), side.prefHeight(sideWidth()));
            }
            return main.prefHeight(w) + gap + side.prefHeight(w);
        }

        @Override
        protected double computeMinHeight(double width) {
            double w = width < 0 ? computePrefWidth(-1) : width;
            if (wide(w)) {
                return side.prefHeight(sideWidth());
            }
            return side.prefHeight(w) + gap;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            if (wide(w)) {
                double sw = sideWidth();
                double mw = w - gap - sw;
                main.resizeRelocate(0, 0, mw, h);
                double sh = Math.min(h, side.prefHeight(sw));
                side.resizeRelocate(mw + gap, Math.max(0, (h - sh) / 2), sw, sh);
            } else {
                double sh = side.prefHeight(w);
                double mh = Math.max(0, h - gap - sh);
                main.resizeRelocate(0, 0, w, mh);
                side.resizeRelocate(0, mh + gap, w, sh);
            }
        }
    }
}
