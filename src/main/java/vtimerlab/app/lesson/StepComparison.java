package vtimerlab.app.lesson;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.lesson.Comparison;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.Step;

/**
 * The button of a lesson step with a {@code compare:} line: it opens Compare flows on the step's two scenarios
 * (lessons 7 and 8 put the seed commit's flow 1 beside its flow 2). Empty for any other step.
 */
final class StepComparison extends VBox {
    /** The button's id. */
    static final String COMPARE_ID = "lesson-compare";

    private final LessonHost host;

    StepComparison(LessonHost host) {
        this.host = host;
        getStyleClass().add("lesson-compare");
        setManaged(false);
        setVisible(false);
    }

    /** Shows the button for step {@code s} of lesson {@code l}, or nothing when it compares nothing. */
    void show(Lesson l, Step s) {
        getChildren().clear();
        Comparison c = s.comparison();
        Optional<Path> left = c == null ? Optional.empty() : Comparison.locate(l.location(), c.left());
        Optional<Path> right = c == null ? Optional.empty() : Comparison.locate(l.location(), c.right());
        boolean shown = left.isPresent() && right.isPresent();
        setManaged(shown);
        setVisible(shown);
        if (!shown) {
            return;
        }
        Button open = new Button("Compare flows side by side", new FontIcon("mdi2c-compare-horizontal"));
        open.setId(COMPARE_ID);
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setTooltip(new Tooltip("Opens a window with " + c.left() + " and " + c.right()
                + " side by side, played in step, with their costs"));
        open.setOnAction(e -> host.compareFlows(left.get(), right.get()));
        getChildren().add(open);
    }
}
