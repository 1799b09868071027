package vtimerlab.app.lesson;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Notices for the student above the lesson list (a progress file copied aside, values ignored, a save that failed):
 * each a bar with its message and a close button, so that once read it goes away. The same message is not shown
 * twice at once.
 */
final class Notices extends VBox {
    /** The style class of one notice bar; its close button has {@link #CLOSE_CLASS}. */
    static final String BAR_CLASS = "lesson-notice";
    static final String CLOSE_CLASS = "lesson-notice-close";

    Notices() {
        setId(LessonPanel.NOTICES_ID);
        getStyleClass().add("lesson-notices");
        setMinHeight(Region.USE_PREF_SIZE);
        setFillWidth(true);
    }

    /** Adds a notice at the bottom (nothing if the same message is already shown). */
    void show(String message) {
        if (messages().contains(message)) {
            return;
        }
        Label text = new Label(message, new FontIcon("mdi2a-alert-outline"));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        text.getStyleClass().add("lesson-notice-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.getStyleClass().add(CLOSE_CLASS);
        close.setAccessibleText("Dismiss this notice");
        close.setTooltip(new Tooltip("Dismiss this notice"));
        close.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, text, close);
        bar.setAlignment(Pos.TOP_LEFT);
        bar.getStyleClass().add(BAR_CLASS);
        bar.setUserData(message);
        close.setOnAction(e -> getChildren().remove(bar));
        getChildren().add(bar);
    }

    /** The messages shown, top to bottom. */
    List<String> messages() {
        List<String> out = new ArrayList<>();
        for (Node n : getChildren()) {
            out.add((String) n.getUserData());
        }
        return out;
    }

    /** The messages shown, one a line ("" when none). */
    String text() {
        return String.join("\n", messages());
    }
}
