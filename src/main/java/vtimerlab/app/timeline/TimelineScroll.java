package vtimerlab.app.timeline;

import java.util.List;
import java.util.function.DoubleSupplier;

import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Scrolling the timeline sideways: one scroll bar moves the lanes and the row above them together. The timeline
 * follows the newest event until the student scrolls away (then "Newest" brings it back); while it does not follow,
 * a new frame keeps the same event at the left edge. Names and times that the scroll would hide are kept in sight
 * ({@link TimelineLayout#pins}).
 */
final class TimelineScroll {
    final ScrollBar hbar = new ScrollBar();
    private final Button follow;
    private final Viewport axis;
    private final List<TimelineLane> lanes;
    private final TimelineNodes nodes;
    private final DoubleSupplier em;
    private TimelineLayout layout;
    private boolean following = true;
    private boolean adjusting;
    private long anchorEvent = Long.MIN_VALUE;
    private double anchorDelta;
    private double dragStartX;
    private double dragStartValue;

    TimelineScroll(Button follow, Viewport axis, List<TimelineLane> lanes, TimelineNodes nodes, DoubleSupplier em) {
        this.follow = follow;
        this.axis = axis;
        this.lanes = lanes;
        this.nodes = nodes;
        this.em = em;
        hbar.setOrientation(Orientation.HORIZONTAL);
        hbar.getStyleClass().add("ktl-hbar");
        hbar.valueProperty().addListener((o, was, is) -> scrolled());
        hbar.setFocusTraversable(false);
    }

    boolean isFollowing() {
        return following;
    }

    double offset() {
        return hbar.getValue();
    }

    /** Before a new frame is drawn: the event at the left edge now, to keep it there (unless following). */
    void rememberAnchor() {
        double[] a = following || layout == null ? null : layout.anchorAt(hbar.getValue());
        anchorEvent = a == null ? Long.MIN_VALUE : (long) a[0];
        anchorDelta = a == null ? 0 : a[1];
    }

    /** A new layout was placed (or the view was resized): the scroll bar's range follows the content's width. */
    void laidOut(TimelineLayout l) {
        layout = l;
        updateRange();
    }

    void updateRange() {
        double content = layout == null ? 0 : layout.contentWidth();
        double view = axis.getWidth();
        double max = Math.max(0, content - view);
        adjusting = true;
        try {
            hbar.setMin(0);
            hbar.setMax(max);
            hbar.setVisibleAmount(max <= 0 ? 1 : max * view / Math.max(1, content));
            hbar.setUnitIncrement(2 * em.getAsDouble());
            hbar.setBlockIncrement(Math.max(2 * em.getAsDouble(), view * 0.8));
            if (following) {
                hbar.setValue(max);
            } else if (anchorEvent != Long.MIN_VALUE) {
                double v = layout == null ? -1 : layout.offsetOf(anchorEvent, anchorDelta);
                hbar.setValue(Math.max(0, Math.min(max, v < 0 ? 0 : v)));
            } else {
                hbar.setValue(Math.min(hbar.getValue(), max));
            }
        } finally {
            adjusting = false;
        }
        hbar.setDisable(max <= 0);
        applyOffset();
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
        axis.content.setTranslateX(-off);
        for (TimelineLane l : lanes) {
            l.viewport.content.setTranslateX(-off);
        }
        if (layout != null && layout.model == nodes.model()) { // a layout of another frame's nodes: not yet
            nodes.pin(layout.pins(off));
        }
    }

    /** Scrolls so that x-range [x0, x1] is in sight, a quarter of the view from its left edge if it was not. */
    void bringIntoView(double x0, double x1) {
        double view = axis.getWidth();
        double off = hbar.getValue();
        if (x0 < off || x1 > off + view) {
            scrollTo(Math.max(0, x0 - view * 0.25));
        }
    }

    void scrollTo(double value) {
        hbar.setValue(Math.max(hbar.getMin(), Math.min(hbar.getMax(), value)));
    }

    /** Scrolls to the newest event and follows it again. */
    void followNewest() {
        following = true;
        adjusting = true;
        hbar.setValue(hbar.getMax());
        adjusting = false;
        follow.setDisable(true);
        applyOffset();
    }

    void scrollBy(double dx) {
        scrollTo(hbar.getValue() + dx);
    }

    /** The mouse wheel (sideways, or with Shift) scrolls the lanes. */
    void wheel(ScrollEvent e) {
        double dx = e.getDeltaX();
        if (dx == 0 && e.isShiftDown()) {
            dx = e.getDeltaY();
        }
        if (dx != 0) {
            scrollBy(-dx);
            e.consume();
        }
    }

    /** Dragging a lane scrolls it. */
    void pressed(MouseEvent e) {
        dragStartX = e.getScreenX();
        dragStartValue = hbar.getValue();
    }

    void dragged(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            hbar.setValue(Math.max(0, Math.min(hbar.getMax(), dragStartValue - (e.getScreenX() - dragStartX))));
        }
    }
}
