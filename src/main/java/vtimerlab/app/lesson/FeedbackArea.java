package vtimerlab.app.lesson;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Where a step tells the student how an answer went: the newest word first, explanations under it. */
final class FeedbackArea extends VBox {
    FeedbackArea() {
        setId(LessonPanel.FEEDBACK_ID);
        getStyleClass().add("lesson-feedback");
    }

    /** Says {@code message} on top, styled {@code lesson-right}, {@code lesson-wrong} or {@code lesson-info}. */
    void say(String style, String message) {
        Label l = new Label(message);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().addAll("lesson-say", style);
        getChildren().add(0, l);
    }

    /** Adds an explanation under what was said. */
    void explain(Node n) {
        getChildren().add(n);
    }

    void clear() {
        getChildren().clear();
    }

    /** What it says, top to bottom (for tests and screen readers). */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Node n : getChildren()) {
            out.add(n instanceof Label l ? l.getText() : MarkdownText.plain(n));
        }
        return out;
    }

    /** A line of lesson Markdown for a plain label: the code and emphasis marks go (`no-hw-bit` reads no-hw-bit). */
    static String unmarked(String markdown) {
        return markdown.replace("**", "").replace("`", "");
    }
}
