package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.Icons;
import vtimerlab.engine.core.TraceEntry;

/**
 * The nodes that draw a {@link CallStackModel}: a label per bar and per mark, a time label per column where the time
 * changes. Nodes are pooled per lane ({@link NodePool}): the lines still in the window keep their node (and so their
 * measured text) from frame to frame, lines that left it free theirs, and new lines take free ones. This class also
 * measures the nodes for {@link TimelineLayout}, puts them where it says, and moves names and times that a scroll
 * would hide back into sight.
 */
final class TimelineNodes {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    /** The view's pixel grid, for the heights and vertical positions of nodes. */
    interface Snap {
        double y(double y);

        double height(double h);
    }

    private final List<TimelineLane> lanes;
    private final Viewport axis;
    private final Consumer<TraceEntry> select;
    final NodePool axisLabels;
    final NodePool axisTimes;
    private Map<Object, Node> nodes = new HashMap<>();
    private CallStackModel model;
    /** The node of each bar, mark and (per column) time label of {@link #model}. */
    Label[] bars = new Label[0];
    Label[] marks = new Label[0];
    Label[] times = new Label[0];

    TimelineNodes(List<TimelineLane> lanes, Viewport axis, Consumer<TraceEntry> select) {
        this.lanes = lanes;
        this.axis = axis;
        this.select = select;
        axisLabels = new NodePool(axis.content, this::newMark);
        axisTimes = new NodePool(axis.content, this::newTimeLabel);
    }

    CallStackModel model() {
        return model;
    }

    /** The lanes were made again: no node of theirs is in use. */
    void forgetLanes() {
        nodes = new HashMap<>();
    }

    private record BarKey(TraceEntry entry, String name, int depth, long startColEvent, int segment) { }

    /** Gives every bar, mark and time label of {@code m} a node, styled and labelled. */
    void assign(CallStackModel m, TraceEntry selected) {
        model = m;
        List<FunctionBar> modelBars = m.bars();
        List<TraceMark> modelMarks = m.marks();
        bars = new Label[modelBars.size()];
        marks = new Label[modelMarks.size()];
        Map<Object, Node> next = new HashMap<>();
        List<Object> barKeys = new ArrayList<>(modelBars.size());
        Map<Object, Integer> seen = new HashMap<>();
        // 1. the lines still in the window keep their nodes
        for (FunctionBar b : modelBars) {
            Object base = new BarKey(b.entry, b.name, b.depth, m.startEvent(b), 0);
            int n = seen.merge(base, 1, Integer::sum) - 1;
            Object key = new BarKey(b.entry, b.name, b.depth, m.startEvent(b), n);
            barKeys.add(key);
            Node node = nodes.remove(key);
            if (node != null && node.getParent() == lanes.get(b.lane).content) {
                bars[b.index] = (Label) node;
                next.put(key, node);
            } else if (node != null) {
                release(node);
            }
        }
        List<Object> markKeys = new ArrayList<>(modelMarks.size());
        Map<TraceEntry, Integer> seenMarks = new HashMap<>();
        for (TraceMark mk : modelMarks) {
            int n = seenMarks.merge(mk.entry, 1, Integer::sum) - 1;
            Object key = List.of(mk.entry, n);
            markKeys.add(key);
            Node node = nodes.remove(key);
            NodePool pool = mk.lane < 0 ? axisLabels : lanes.get(mk.lane).marks;
            if (node != null && node.getParent() == pool.parent
                    && !node.getStyleClass().contains(KernelTimelineView.BAR_CLASS)) {
                marks[mk.index] = (Label) node;
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
        for (FunctionBar b : modelBars) {
            List<String> classes = b.styleClasses();
            if (bars[b.index] == null) {
                bars[b.index] = lanes.get(b.lane).bars.take(classes);
                next.put(barKeys.get(b.index), bars[b.index]);
            }
            styleBar(b, bars[b.index], classes);
        }
        for (TraceMark mk : modelMarks) {
            List<String> classes = mk.styleClasses();
            if (marks[mk.index] == null) {
                marks[mk.index] = (mk.lane < 0 ? axisLabels : lanes.get(mk.lane).marks).take(classes);
                next.put(markKeys.get(mk.index), marks[mk.index]);
            }
            styleMark(mk, marks[mk.index], classes);
        }
        nodes = next;
        for (TimelineLane l : lanes) {
            l.bars.hideFree();
            l.marks.hideFree();
        }
        axisLabels.hideFree();
        // the time labels above the lanes
        axisTimes.giveAll();
        times = new Label[m.columns().size()];
        for (int i = 0; i < times.length; i++) {
            if (m.hasTimeLabel(i)) {
                times[i] = timeLabel(m, i);
            }
        }
        axisTimes.hideFree();
        markSelection(selected);
    }

    private void release(Node n) {
        for (TimelineLane l : lanes) {
            if (n.getParent() == l.content) {
                (l.bars.owns(n) ? l.bars : l.marks).give((Label) n);
                return;
            }
        }
        if (n.getParent() == axis.content) {
            axisLabels.give((Label) n);
        }
    }

    private void styleBar(FunctionBar b, Label n, List<String> classes) {
        if (!b.name.equals(n.getText())) {
            n.setText(b.name);
        }
        if (!n.getStyleClass().equals(classes)) {
            n.getStyleClass().setAll(classes);
        }
        n.setUserData(b.entry);
        n.setAccessibleText(b.accessibleText());
        n.getProperties().put(FunctionBar.class, b);
        n.setVisible(true);
    }

    private void styleMark(TraceMark mk, Label n, List<String> classes) {
        String text = mk.text();
        if (!text.equals(n.getText())) {
            n.setText(text);
        }
        Node graphic = mk.icon() == null ? null : icon(n, mk.icon());
        if (n.getGraphic() != graphic) {
            n.setGraphic(graphic);
        }
        if (!n.getStyleClass().equals(classes)) {
            n.getStyleClass().setAll(classes);
        }
        n.setUserData(mk.entry);
        n.setAccessibleText(mk.accessibleText());
        n.getProperties().remove(FunctionBar.class);
        n.setVisible(true);
    }

    /** One icon per node and name, kept in the node's properties so that reuse costs nothing. */
    private static Node icon(Label n, String name) {
        Object o = n.getProperties().get("icon:" + name);
        if (o instanceof Node node) {
            return node;
        }
        FontIcon i = Icons.of(name, n, 1.1);
        i.getStyleClass().add("ktl-icon");
        n.getProperties().put("icon:" + name, i);
        return i;
    }

    private Label timeLabel(CallStackModel m, int col) {
        Label t = axisTimes.take();
        String text = "t = " + String.format(Locale.ROOT, "%,d", m.columns().get(col).time);
        if (!text.equals(t.getText())) {
            t.setText(text);
        }
        t.setUserData(m.firstEntryOf(col));
        t.setVisible(true);
        return t;
    }

    Label newBar() {
        Label l = new Label();
        l.getStyleClass().add(KernelTimelineView.BAR_CLASS);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setAccessibleRole(AccessibleRole.BUTTON);
        tipOnFirstHover(l);
        l.setOnMouseClicked(this::clicked);
        l.setCursor(Cursor.HAND);
        return l;
    }

    Label newMark() {
        Label l = new Label();
        l.getStyleClass().add(KernelTimelineView.MARK_CLASS);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setAccessibleRole(AccessibleRole.BUTTON);
        tipOnFirstHover(l);
        l.setOnMouseClicked(this::clicked);
        l.setCursor(Cursor.HAND);
        return l;
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
    private static void tipOnFirstHover(Label l) {
        l.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (l.getTooltip() == null) {
                l.setTooltip(lazyTip(l));
            }
        });
    }

    private static Tooltip lazyTip(Label l) {
        Tooltip t = new Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(520);
        t.setShowDelay(Duration.millis(250));
        t.setShowDuration(Duration.seconds(30));
        t.setOnShowing(e -> t.setText(describe(l)));
        t.setText(" ");
        return t;
    }

    private static String describe(Label l) {
        Object b = l.getProperties().get(FunctionBar.class);
        if (b instanceof FunctionBar bar) {
            return bar.describe();
        }
        if (l.getUserData() instanceof TraceEntry e) {
            if (l.getStyleClass().contains("ktl-time")) {
                return CallStackModel.describeTime(e);
            }
            return new TraceMark(e, -1, 0, 0).describe();
        }
        return "";
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || !(e.getSource() instanceof Node n)) {
            return;
        }
        if (n.getUserData() instanceof TraceEntry t) {
            select.accept(t);
            e.consume();
        }
    }

    /** Draws the bars and marks of trace line {@code s} as selected, and no others. */
    void markSelection(TraceEntry s) {
        if (model == null) {
            return;
        }
        for (FunctionBar b : model.bars()) {
            bars[b.index].pseudoClassStateChanged(SELECTED, s != null && s.equals(b.entry));
        }
        for (TraceMark mk : model.marks()) {
            marks[mk.index].pseudoClassStateChanged(SELECTED, s != null && s.equals(mk.entry));
        }
    }

    // ---- measuring and placing -------------------------------------------------------------------------------

    /** The sizes {@link TimelineLayout} needs, measured once CSS has styled every label. */
    TimelineLayout.Measures measure(double em, double axisRow) {
        double barH = 0;
        double[] widths = new double[bars.length];
        for (FunctionBar b : model.bars()) {
            Label n = bars[b.index];
            if (n.getSkin() == null) {
                // a bar made in this pulse and laid out before the scene's style pass (another view asked for a
                // layout at once): it must be styled to be measured, or its name is cut to nothing
                n.applyCss();
            }
            widths[b.index] = n.prefWidth(-1) - shiftOf(n);
            barH = Math.max(barH, n.prefHeight(-1));
        }
        double[][] markSizes = new double[marks.length][];
        for (TraceMark mk : model.marks()) {
            Label n = marks[mk.index];
            if (n.getSkin() == null) {
                n.applyCss(); // as for the bars: measured only once styled
            }
            markSizes[mk.index] = new double[] {n.prefWidth(-1), n.prefHeight(-1)};
            if (mk.lane >= 0) {
                barH = Math.max(barH, markSizes[mk.index][1]);
            }
        }
        double[][] timeSizes = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            if (times[i] != null) {
                timeSizes[i] = new double[] {times[i].prefWidth(-1), times[i].prefHeight(-1)};
            }
        }
        return new TimelineLayout.Measures(em, barH, widths, markSizes, timeSizes, axisRow);
    }

    /** Puts every node where the layout says. */
    void place(TimelineLayout layout, Snap snap) {
        for (TraceMark mk : model.marks()) {
            put(marks[mk.index], layout.mark(mk), snap);
        }
        for (int i = 0; i < times.length; i++) {
            if (times[i] != null) {
                put(times[i], layout.timeBoxes[i], snap);
            }
        }
        for (FunctionBar b : model.bars()) {
            put(bars[b.index], layout.bar(b), snap);
        }
    }

    private static void put(Label n, TimelineLayout.Box b, Snap snap) {
        n.resizeRelocate(b.x(), snap.y(b.y()), b.w(), snap.height(b.h()));
    }

    /** Moves names and times into sight and hides the commands they cover, for a scroll ({@link TimelineLayout#pins}). */
    void pin(TimelineLayout.Pins pins) {
        for (FunctionBar b : model.bars()) {
            setShift(bars[b.index], pins.barShift()[b.index]);
        }
        for (int i = 0; i < times.length; i++) {
            if (times[i] != null) {
                times[i].setTranslateX(pins.timeShift()[i]);
            }
        }
        for (TraceMark mk : model.marks()) {
            if (mk.lane < 0) {
                marks[mk.index].setVisible(!pins.markCovered()[mk.index]);
            }
        }
    }

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
}
