package vtimerlab.app.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

import vtimerlab.lesson.DiagramElement;

/**
 * The parts of the diagrams a step talks about: they glow while the step is on show, and a "Look at:" chip for each
 * points it out once more when clicked.
 */
final class StepHighlights extends FlowPane {
    private final Function<String, Node> element;
    private final Runnable showTimeline;
    private final java.util.function.Consumer<List<String>> shown;
    private final List<Node> highlighted = new ArrayList<>();

    /**
     * @param element      the node that draws a diagram element named as lessons name them, or null
     * @param showTimeline brings the kernel timeline into view
     * @param shown        told the names each time they change (the diagrams go to the CPU they name)
     */
    StepHighlights(Function<String, Node> element, Runnable showTimeline,
                   java.util.function.Consumer<List<String>> shown) {
        this.element = element;
        this.showTimeline = showTimeline;
        this.shown = shown;
        getStyleClass().add("lesson-look-at");
        setHgap(4);
        setVgap(4);
    }

    /** Lights the named elements (and only them). */
    void show(List<String> names) {
        clear();
        getChildren().clear();
        shown.accept(List.copyOf(names));
        if (names.isEmpty()) {
            setVisible(false);
            setManaged(false);
            return;
        }
        setVisible(true);
        setManaged(true);
        Label look = new Label("Look at:");
        look.getStyleClass().add("vt-muted");
        getChildren().add(look);
        for (String name : names) {
            Node n = element.apply(name);
            if (name.equals("timeline")) {
                showTimeline.run();
            }
            if (n != null) {
                n.getStyleClass().add(LessonPanel.HIGHLIGHT_CLASS);
                highlighted.add(n);
            }
            Button chip = new Button(name);
            chip.setMnemonicParsing(false);
            chip.getStyleClass().add("lesson-chip");
            chip.setTooltip(new Tooltip(describe(name) + (n == null ? "" : " (click to point it out)")));
            chip.setOnAction(e -> flash(n));
            getChildren().add(chip);
        }
    }

    private static String describe(String name) {
        return DiagramElement.of(name).map(DiagramElement::description).orElse(name);
    }

    private static void flash(Node n) {
        if (n == null) {
            return;
        }
        n.getStyleClass().add("lesson-flash");
        PauseTransition off = new PauseTransition(Duration.millis(900));
        off.setOnFinished(e -> n.getStyleClass().remove("lesson-flash"));
        off.play();
    }

    /** Puts every lit element out. */
    void clear() {
        for (Node n : highlighted) {
            n.getStyleClass().removeAll(LessonPanel.HIGHLIGHT_CLASS, "lesson-flash");
        }
        highlighted.clear();
    }

    List<Node> highlighted() {
        return List.copyOf(highlighted);
    }
}
