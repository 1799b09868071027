package vtimerlab.app;

import java.util.List;

import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

import vtimerlab.app.view.DiagramRoom;

/**
 * Gives the diagrams side by side (timer, GIC, list registers) the room they need: whenever the row changes width
 * or the zoom changes, or what a diagram needs changes, its dividers move so that each panel shows its diagram whole
 * where the row is wide enough ({@link DiagramRoom}); where it is not, each panel scrolls by about as much. The
 * student may still drag a divider; it stays until the row's width or the zoom changes again.
 */
final class DiagramRow {
    /** What a divider takes, in pixels (the split pane's divider and its padding). */
    private static final double DIVIDER = 7;
    /** What a vertical scroll bar takes, in pixels. */
    private static final double SCROLL_BAR = 16;
    /** Less than this change in what a panel needs or has is not worth moving a divider for. */
    private static final double SLACK = 2;

    private final SplitPane split;
    private final List<Node> panels;
    private double[] lastNeeds = new double[0];
    private double lastWidth = -1;
    private boolean queued;

    DiagramRow(SplitPane split, List<Node> panels) {
        this.split = split;
        this.panels = panels;
        split.widthProperty().addListener((o, was, is) -> fitLater());
    }

    /** Fits again after the next layout (the zoom changed; a frame may have changed what a diagram needs). */
    void fitLater() {
        if (!queued) {
            queued = true;
            Platform.runLater(() -> {
                queued = false;
                fit();
            });
        }
    }

    /** Moves the dividers if what the panels need or the row's width changed since the last fit. */
    void fit() {
        double width = split.getWidth();
        if (width <= 0 || split.getOrientation() != Orientation.HORIZONTAL || split.getItems().size() != panels.size()
                || !split.getItems().containsAll(panels)) {
            return;
        }
        double[] needs = new double[panels.size()];
        for (int i = 0; i < needs.length; i++) {
            needs[i] = need(panels.get(i));
        }
        if (Math.abs(width - lastWidth) < SLACK && same(needs, lastNeeds)) {
            return; // nothing changed: the student's own dividers stay
        }
        lastWidth = width;
        lastNeeds = needs;
        double room = width - DIVIDER * (needs.length - 1);
        split.setDividerPositions(DiagramRoom.dividers(DiagramRoom.widths(needs, room), DIVIDER));
    }

    /** The width a panel needs to show its diagram whole: the diagram's, and what the panel draws around it. */
    static double need(Node panel) {
        ScrollPane sp = (ScrollPane) panel.lookup(".scroll-pane");
        if (sp == null || !(sp.getContent() instanceof Region drawing) || !(panel instanceof Region p)) {
            return panel.minWidth(-1);
        }
        // the panel's padding and border, the scroll pane's, and room for a vertical scroll bar (always counted, so
        // that a scroll bar coming and going does not move the dividers)
        double around = p.getWidth() > 0 ? p.getWidth() - sp.getWidth() + sp.snappedLeftInset()
                + sp.snappedRightInset() : 24;
        double diagram = drawing instanceof vtimerlab.app.view.DiagramFit fit ? fit.need() : drawing.minWidth(-1);
        return diagram + Math.max(0, around) + SCROLL_BAR;
    }

    private static boolean same(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) >= SLACK) {
                return false;
            }
        }
        return true;
    }
}
