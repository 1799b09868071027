package vtimerlab.app.export;

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

/**
 * File > Export animation: which part, which events (one frame each), how long each frame shows, and the resolution.
 */
public final class ExportAnimationDialog {
    /** What the student chose. */
    public record Choice(String target, int scale, long from, long to, int delayMillis) {
    }

    private ExportAnimationDialog() {
    }

    /** Asks; empty if cancelled. The range offered is event {@code now} back to 0 .. {@code furthest}. */
    public static Optional<Choice> ask(Window owner, Map<String, ?> targets, long now, long furthest) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export animation");
        d.setHeaderText("An animated GIF: one frame per event, looping");
        ChoiceBox<String> what = new ChoiceBox<>();
        what.getItems().addAll(targets.keySet());
        what.getSelectionModel().selectFirst();
        int max = (int) Math.min(Integer.MAX_VALUE, furthest);
        Spinner<Integer> from = new Spinner<>(0, max, (int) Math.max(0, Math.min(now, max) - 10));
        Spinner<Integer> to = new Spinner<>(0, max, (int) Math.min(now, max));
        Spinner<Integer> delay = new Spinner<>(20, 5000, 500, 100);
        Spinner<Integer> scale = new Spinner<>(Picture.MIN_SCALE, Picture.MAX_SCALE, 1);
        for (Spinner<Integer> s : java.util.List.of(from, to, delay, scale)) {
            s.setEditable(true);
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Picture of:"), what);
        grid.addRow(1, new Label("From event:"), from);
        grid.addRow(2, new Label("To event:"), to);
        grid.addRow(3, new Label("Each frame (ms):"), delay);
        grid.addRow(4, new Label("Resolution (x):"), scale);
        d.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save GIF...", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == save).map(b -> new Choice(what.getValue(), scale.getValue(),
                from.getValue(), to.getValue(), delay.getValue()));
    }
}
