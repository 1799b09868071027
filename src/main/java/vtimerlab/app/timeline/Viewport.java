package vtimerlab.app.timeline;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/** A clipped window on a wide content pane (a lane, or the row above the lanes), scrolled by translating it. */
class Viewport extends Region {
    final Content content = new Content();
    private final Rectangle clip = new Rectangle();

    Viewport() {
        getChildren().add(content);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinWidth(0);
        setPrefWidth(0);
    }

    /** The height of the row of time labels (at least 1.3 em). */
    double timeRowHeight(double em) {
        double h = 1.3 * em;
        for (Node n : content.getChildren()) {
            if (n.isVisible() && n.getStyleClass().contains("ktl-time")) {
                h = Math.max(h, ((Label) n).prefHeight(-1));
            }
        }
        return Math.ceil(h + 0.1 * em);
    }

    /** The height of the tallest command or mark above the lanes. */
    double commandRowHeight(double em) {
        double h = 0;
        for (Node n : content.getChildren()) {
            if (n.isVisible() && n.getStyleClass().contains(KernelTimelineView.MARK_CLASS)) {
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

    /** A pane whose children are placed by the timeline's layout, never by JavaFX's. */
    static final class Content extends Pane {
        @Override
        protected void layoutChildren() {
            // positions and sizes come from TimelineLayout
        }
    }
}
