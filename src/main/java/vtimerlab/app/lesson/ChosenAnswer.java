package vtimerlab.app.lesson;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.Icons;

/**
 * How the student's choice shows in a prediction's or a question's choices, readable on a projector from the back of
 * a room and not by colour alone: the chosen one carries a mark (a check in a circle) and a thick border, and once
 * graded it says "your answer" in words beside its verdict. Once the answer is sent the choices take no more input
 * (they are not greyed out, which would make the answer hard to read).
 */
final class ChosenAnswer {
    /** The style class of the chosen choice (a thick border, bold). */
    static final String CHOSEN_CLASS = "lesson-chosen";
    /** The style class of every choice once the answer is sent. */
    static final String ANSWERED_CLASS = "lesson-answered";
    /** What the chosen choice says once graded, after its text. */
    static final String YOUR_ANSWER = "your answer";

    private ChosenAnswer() {
    }

    /** Marks whichever choice of {@code group} is selected, and freezes the choices when {@code answered} is set. */
    static void mark(ToggleGroup group, ObservableBooleanValue answered) {
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (was != null) {
                unmark(was);
            }
            if (is != null) {
                markOne(is);
            }
        });
        answered.addListener((o, was, is) -> {
            for (Toggle t : group.getToggles()) {
                if (t instanceof Node n) {
                    n.setMouseTransparent(is);
                    n.setFocusTraversable(!is);
                    n.getStyleClass().remove(ANSWERED_CLASS);
                    if (is) {
                        n.getStyleClass().add(ANSWERED_CLASS);
                    }
                }
            }
        });
    }

    private static void markOne(Toggle t) {
        if (t instanceof Labeled l) {
            FontIcon mark = Icons.of("mdi2c-check-circle", l, 1.35);
            mark.getStyleClass().add("lesson-chosen-mark");
            l.setGraphic(mark);
            if (!l.getStyleClass().contains(CHOSEN_CLASS)) {
                l.getStyleClass().add(CHOSEN_CLASS);
            }
        }
    }

    private static void unmark(Toggle t) {
        if (t instanceof Labeled l) {
            l.setGraphic(null);
            l.getStyleClass().remove(CHOSEN_CLASS);
        }
    }

    /** The chosen choice, graded: its verdict mark, and "your answer" in words. */
    static void verdict(Labeled chosen, boolean right) {
        String text = chosen.getText().replaceFirst("^[✔✘] ", "");
        chosen.setText((right ? "✔ " : "✘ ") + text + "  ← " + YOUR_ANSWER);
        chosen.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
        chosen.getStyleClass().add(right ? "lesson-choice-right" : "lesson-choice-wrong");
    }
}
