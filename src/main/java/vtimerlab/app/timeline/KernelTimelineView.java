package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.Icons;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.engine.core.TraceEntry;

/**
 * The kernel timeline: one lane per physical CPU, the kernel functions of the frame's recent trace drawn along it as
 * nested bars (outermost on top), register accesses as ticks, GIC changes, list register writes, guest actions and
 * state changes as small marks, violations as red flags. Kernel code takes no simulated time, so the x axis is the
 * order of events; the time is written above where it changes, with a break in the lanes. On the right, the call
 * stack of each CPU now (innermost on top). A click on a bar or a mark selects its trace line
 * ({@link #selectedProperty()}) for the "Why?" panel.
 *
 * <p>What it draws is worked out in plain Java: {@link TimelineViewModel} and its {@link CallStackModel} (the bars and
 * marks), {@link TimelineLayout} (their places, from the sizes CSS gives the labels). This view holds the nodes
 * ({@link TimelineNodes}, pooled so that a line still in the window keeps its node from frame to frame) and the
 * sideways scrolling ({@link TimelineScroll}).
 *
 * <p>Cheap enough for 60 frames a second: a frame carries at most {@link Frame#RECENT} trace lines, and while
 * playback streams frames in only the newest {@link TimelineViewModel#STREAMING_LINES} are drawn.
 */
public final class KernelTimelineView extends VBox implements FrameView {
    /** Style class of every function bar; its text is the kernel function's name, its user data the trace line. */
    public static final String BAR_CLASS = "ktl-bar";
    /** Style class of every mark (register tick, GIC mark, violation flag...); user data is the trace line. */
    public static final String MARK_CLASS = "ktl-mark";
    public static final String FOLLOW_ID = "ktl-follow";

    private final ObjectProperty<TraceEntry> selected = new SimpleObjectProperty<>(this, "selected");

    private final Label orderLabel = new Label("event order →");
    private final Label summary = new Label();
    private final ToggleButton keyButton = new ToggleButton("Key");
    private final Button follow = new Button("Newest");
    private final FlowPane key = new FlowPane();
    private final Viewport axisViewport = new Viewport();
    private final VBox lanesBox = new VBox();
    private final ScrollPane lanesScroll = new ScrollPane(lanesBox);
    private final VBox stackBox = new VBox();
    private final ScrollPane stackScroll = new ScrollPane(stackBox);
    private final Label empty = new Label("No kernel code in the recent trace yet: play or step the scenario.");
    private final List<TimelineLane> lanes = new ArrayList<>();
    private final List<StackSection> stacks = new ArrayList<>();
    private final TimelineNodes nodes = new TimelineNodes(lanes, axisViewport, selected::set);
    private final TimelineScroll scroll = new TimelineScroll(follow, axisViewport, lanes, nodes, this::em);
    private final TimelineNodes.Snap snap = new TimelineNodes.Snap() {
        @Override
        public double y(double y) {
            return snapPositionY(y);
        }

        @Override
        public double height(double h) {
            return snapSizeY(h);
        }
    };

    private CallStackModel model;
    private TimelineLayout layout;
    private boolean modelDirty;
    private boolean streaming;
    private Frame lastFull;
    private double lastEm;
    private boolean revealPending;

    public KernelTimelineView() {
        Stylesheets.TIMELINE_CONSOLE.addTo(this);
        getStyleClass().add("ktl");
        setMinSize(0, 0);

        orderLabel.getStyleClass().addAll("vt-muted", "ktl-order");
        orderLabel.setTooltip(Tips.wide("Left to right: the order in which the engine's events ran. Kernel code "
                + "takes no simulated time, so a whole kvm_vcpu_block happens at one tick; the time is written above "
                + "the lanes where it changes, and a dashed break marks time passing."));
        orderLabel.setMinWidth(Region.USE_PREF_SIZE);
        summary.getStyleClass().addAll("vt-muted", "ktl-summary");
        summary.setTooltip(Tips.wide("What the lanes show: the last trace lines up to the present moment."));
        summary.setMinWidth(0);
        keyButton.getStyleClass().add("ktl-key-button");
        keyButton.setFocusTraversable(false);
        keyButton.setTooltip(Tips.wide("Show or hide the key: what the colours, ticks and marks mean."));
        keyButton.setMinWidth(Region.USE_PREF_SIZE);
        follow.setId(FOLLOW_ID);
        follow.setGraphic(Icons.of("mdi2p-page-last", follow, 1.15));
        follow.getStyleClass().add("ktl-follow");
        follow.setFocusTraversable(false);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.setTooltip(Tips.wide("Scroll to the newest event and keep following it (the timeline follows the "
                + "newest event until you scroll away)."));
        follow.setOnAction(e -> followNewest());
        follow.setDisable(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, orderLabel, summary, spacer, keyButton, follow);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("ktl-top");
        HBox.setHgrow(summary, Priority.SOMETIMES);

        TimelineKey.build(key);
        keyButton.setSelected(true); // a first look needs the key: what the colours and marks mean
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
        lanesScroll.addEventFilter(ScrollEvent.SCROLL, scroll::wheel);

        empty.getStyleClass().addAll("vt-muted", "ktl-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.setTooltip(Tips.wide("The timeline draws the kernel functions of the last trace lines up to the "
                + "present moment; at the start of a scenario there are none yet."));

        VBox left = new VBox(axisViewport, lanesScroll, scroll.hbar);
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

        axisViewport.widthProperty().addListener((o, was, is) -> scroll.updateRange());
        selected.addListener((o, was, is) -> nodes.markSelection(is));
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
        return scroll.isFollowing();
    }

    /** The function names of the bars drawn now, in trace order. */
    public List<String> barLabels() {
        List<String> out = new ArrayList<>();
        if (model != null) {
            for (FunctionBar b : model.bars()) {
                out.add(b.name());
            }
        }
        return out;
    }

    /** The bar nodes drawn now (style class {@link #BAR_CLASS}), in the order of {@link #barLabels()}. */
    public List<Label> barNodes() {
        return List.of(nodes.bars);
    }

    /** The mark nodes drawn now (style class {@link #MARK_CLASS}). */
    public List<Label> markNodes() {
        return List.of(nodes.marks);
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
        TimelineViewModel vm = TimelineViewModel.of(f, streaming);
        scroll.rememberAnchor();
        ensureLanes(f.cpus().size());
        model = vm.model();
        nodes.assign(model, selected.get());
        showStacks(vm);
        summary.setText(vm.summary());
        boolean none = model.isEmpty();
        empty.setVisible(none);
        empty.setManaged(none);
        modelDirty = true;
        requestLayout();
    }

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

    private void ensureLanes(int n) {
        if (lanes.size() == n) {
            return;
        }
        for (TimelineLane l : lanes) {
            lanesBox.getChildren().remove(l.box);
        }
        lanes.clear();
        nodes.forgetLanes();
        for (int i = 0; i < n; i++) {
            TimelineLane l = new TimelineLane(i, nodes::newBar, nodes::newMark, scroll::pressed, scroll::dragged);
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

    private void showStacks(TimelineViewModel vm) {
        for (int i = 0; i < stacks.size() && i < vm.stacks().size(); i++) {
            stacks.get(i).show(vm.stacks().get(i));
        }
        boolean several = lanes.size() > 1; // with one CPU the call stack's heading names it
        for (TimelineLane l : lanes) {
            if (l.index < vm.lanes().size()) {
                l.header.setText(vm.lanes().get(l.index));
            }
            l.header.setVisible(several);
            l.header.setManaged(several);
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
        if (model == null) {
            return;
        }
        double em = em();
        double axisRow = Math.max(axisViewport.timeRowHeight(em), axisViewport.commandRowHeight(em));
        layout = TimelineLayout.of(model, nodes.measure(em, axisRow));
        nodes.place(layout, snap);
        double width = layout.contentWidth();
        for (TimelineLane lane : lanes) {
            double h = layout.laneHeight(lane.index);
            lane.breaks.show(layout.breaks(lane.index), snap);
            lane.content.setPrefSize(width, h);
            lane.content.setMinSize(width, h);
            lane.content.setMaxSize(width, h);
        }
        double axisH = layout.axisHeight;
        axisViewport.content.setPrefSize(width, axisH);
        axisViewport.content.setMinSize(width, axisH);
        axisViewport.content.setMaxSize(width, axisH);
        axisViewport.setPrefHeight(axisH);
        axisViewport.setMinHeight(axisH);
        scroll.laidOut(layout);
        if (scroll.isFollowing()) {
            revealNewestLater();
        }
    }

    // ---- scrolling -------------------------------------------------------------------------------------------

    /** While following, keeps the newest function in sight vertically too (after the lanes are laid out). */
    private void revealNewestLater() {
        if (revealPending) {
            return;
        }
        revealPending = true;
        FxThread.later(() -> {
            revealPending = false;
            Node target = null;
            FunctionBar newest = null;
            for (FunctionBar b : model.bars()) {
                if (!b.openLeft && (newest == null || b.startCol >= newest.startCol)) {
                    newest = b;
                }
            }
            if (newest != null) {
                target = nodes.bars[newest.index];
            }
            if (target == null) {
                for (TraceMark m : model.marks()) {
                    if (m.lane >= 0) {
                        target = nodes.marks[m.index];
                    }
                }
            }
            if (target != null && scroll.isFollowing()) {
                revealVertically(target, false);
            }
        });
    }

    /** Scrolls the lanes vertically so that {@code n} is in sight: near the top, or as low as possible. */
    private void revealVertically(Node n, boolean atTop) {
        lanesScroll.layout();
        double viewH = lanesScroll.getViewportBounds().getHeight();
        double contentH = lanesBox.getHeight();
        if (viewH <= 0 || contentH <= viewH) {
            return;
        }
        Bounds b = lanesBox.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
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
        if (model == null || e == null) {
            return false;
        }
        Node node = null;
        FunctionBar bar = null;
        for (FunctionBar b : model.bars()) {
            if (e.equals(b.entry)) {
                node = nodes.bars[b.index];
                bar = b;
                break;
            }
        }
        if (node == null) {
            for (TraceMark m : model.marks()) {
                if (e.equals(m.entry)) {
                    node = nodes.marks[m.index];
                    break;
                }
            }
        }
        if (node == null) {
            return false;
        }
        applyCss();
        layout();
        double x0;
        double x1;
        if (bar != null) {
            x0 = layout.barX0[bar.index];
            x1 = Math.min(layout.barX1[bar.index], x0 + layout.labelW[bar.index]);
        } else {
            x0 = node.getLayoutX();
            x1 = x0 + node.getLayoutBounds().getWidth();
        }
        scroll.bringIntoView(x0, x1);
        revealVertically(node, true);
        return true;
    }

    /** Scrolls to the newest event and follows it again. */
    public void followNewest() {
        scroll.followNewest();
    }

    /** Scrolls the lanes by {@code dx} pixels (negative: towards older events); the user scrolled away. */
    public void scrollBy(double dx) {
        scroll.scrollBy(dx);
    }
}
