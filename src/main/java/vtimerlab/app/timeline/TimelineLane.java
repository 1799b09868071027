package vtimerlab.app.timeline;

import java.util.function.Supplier;

import javafx.event.EventHandler;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;

import vtimerlab.app.view.Tips;

/** The lane of one physical CPU: its title, and a clipped window on its bars, marks and time breaks. */
final class TimelineLane {
    final int index;
    final Label header = new Label();
    final Viewport viewport = new Viewport();
    final Viewport.Content content = viewport.content;
    final NodePool bars;
    final NodePool marks;
    final TimeBreaks breaks;
    final VBox box;

    TimelineLane(int index, Supplier<Label> newBar, Supplier<Label> newMark, EventHandler<MouseEvent> pressed,
                 EventHandler<MouseEvent> dragged) {
        this.index = index;
        header.getStyleClass().add("ktl-lane-title");
        header.setTooltip(Tips.wide("Physical CPU " + index + ": the kernel functions that ran on it, outermost on "
                + "top, and below them its register accesses and other marks."));
        header.setMinWidth(0);
        bars = new NodePool(content, newBar);
        marks = new NodePool(content, newMark);
        breaks = new TimeBreaks(content);
        content.getStyleClass().add("ktl-lane-content");
        content.setOnMousePressed(pressed);
        content.setOnMouseDragged(dragged);
        viewport.getStyleClass().add("ktl-lane");
        box = new VBox(header, viewport);
        box.getStyleClass().add("ktl-lane-box");
    }
}
