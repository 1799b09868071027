package vtimerlab.app.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import vtimerlab.lesson.Step;

/**
 * File > Export animation: which part, which events (an event range, or one step of the open lesson from where it
 * starts to where it ends; one frame each), how long each frame shows, and the resolution.
 */
public final class ExportAnimationDialog {
    /** The choice of what the animation plays: an event range. */
    public static final String RANGE = "An event range";
    /** The choice of what the animation plays: a step of the open lesson. */
    public static final String STEP = "A lesson step";
    public static final String EVENTS_ID = "export-events";
    public static final String STEP_ID = "export-step";
    public static final String FROM_ID = "export-from";
    public static final String TO_ID = "export-to";

    /** What the student chose; {@code step} is the lesson step (from 0), or -1 for the range {@code from..to}. */
    public record Choice(String target, int scale, long from, long to, int delayMillis, int step) {
    }

    private ExportAnimationDialog() {
    }

    /**
     * Asks; empty if cancelled. The range offered is event {@code now} back to 0 .. {@code furthest}; with a lesson
     * open ({@code steps} not null) its steps are offered too, the one it shows chosen, and a step is what is asked
     * for at first.
     */
    public static Optional<Choice> ask(Window owner, Map<String, ?> targets, long now, long furthest,
            WindowExport.LessonSteps steps) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export animation");
        d.setHeaderText("An animated GIF: one frame per event, looping");
        ChoiceBox<String> what = new ChoiceBox<>();
        what.getItems().addAll(targets.keySet());
        what.getSelectionModel().selectFirst();
        ChoiceBox<String> events = new ChoiceBox<>();
        events.setId(EVENTS_ID);
        events.getItems().add(RANGE);
        ChoiceBox<String> step = new ChoiceBox<>();
        step.setId(STEP_ID);
        if (steps != null && !steps.lesson().steps().isEmpty()) {
            events.getItems().add(STEP);
            List<Step> all = steps.lesson().steps();
            for (int i = 0; i < all.size(); i++) {
                step.getItems().add((i + 1) + ". " + all.get(i).title());
            }
            step.getSelectionModel().select(Math.max(0, Math.min(steps.current(), all.size() - 1)));
            events.setValue(STEP);
        } else {
            events.setValue(RANGE);
        }
        int max = (int) Math.min(Integer.MAX_VALUE, furthest);
        Spinner<Integer> from = new Spinner<>(0, max, (int) Math.max(0, Math.min(now, max) - 10));
        Spinner<Integer> to = new Spinner<>(0, max, (int) Math.min(now, max));
        from.setId(FROM_ID);
        to.setId(TO_ID);
        Spinner<Integer> delay = new Spinner<>(20, 5000, 500, 100);
        Spinner<Integer> scale = new Spinner<>(Picture.MIN_SCALE, Picture.MAX_SCALE, 1);
        for (Spinner<Integer> s : List.of(from, to, delay, scale)) {
            s.setEditable(true);
        }
        Runnable which = () -> {
            boolean isStep = STEP.equals(events.getValue());
            step.setDisable(!isStep);
            from.setDisable(isStep);
            to.setDisable(isStep);
        };
        events.valueProperty().addListener((o, was, is) -> which.run());
        which.run();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Picture of:"), what);
        grid.addRow(1, new Label("Events of:"), events);
        grid.addRow(2, new Label("Lesson step:"), step);
        grid.addRow(3, new Label("From event:"), from);
        grid.addRow(4, new Label("To event:"), to);
        grid.addRow(5, new Label("Each frame (ms):"), delay);
        grid.addRow(6, new Label("Resolution (x):"), scale);
        d.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save GIF...", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == save).map(b -> new Choice(what.getValue(), scale.getValue(),
                from.getValue(), to.getValue(), delay.getValue(),
                STEP.equals(events.getValue()) ? step.getSelectionModel().getSelectedIndex() : -1));
    }
}
