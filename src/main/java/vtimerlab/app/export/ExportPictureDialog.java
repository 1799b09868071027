package vtimerlab.app.export;

import java.util.Map;
import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * File > Export picture and Copy picture: which part of the window (the whole window or one diagram) and at what
 * resolution (1x to 4x the screen's). Two choices and a button; the file is asked for afterwards.
 */
public final class ExportPictureDialog {
    /** What the student chose. */
    public record Choice(String target, int scale, boolean copy) {
    }

    public static final ButtonType SAVE = new ButtonType("Save PNG...", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType COPY = new ButtonType("Copy", ButtonBar.ButtonData.OTHER);

    private ExportPictureDialog() {
    }

    /** Asks; empty if cancelled. {@code targets} names the parts in the order offered (the first is chosen). */
    public static Optional<Choice> ask(Window owner, Map<String, ?> targets, String title) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText("A picture of the window or of one diagram, as it is drawn now");
        ChoiceBox<String> what = new ChoiceBox<>();
        what.getItems().addAll(targets.keySet());
        what.getSelectionModel().selectFirst();
        what.setId("export-picture-target");
        ChoiceBox<Integer> scale = new ChoiceBox<>();
        for (int s = Picture.MIN_SCALE; s <= Picture.MAX_SCALE; s++) {
            scale.getItems().add(s);
        }
        scale.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null ? "" : s + "x" + (s == 1 ? " (as on the screen)" : "");
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replaceAll("[^0-9].*", ""));
            }
        });
        scale.getSelectionModel().select(Integer.valueOf(2));
        scale.setId("export-picture-scale");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Picture of:"), what);
        grid.addRow(1, new Label("Resolution:"), scale);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(SAVE, COPY, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == SAVE || b == COPY)
                .map(b -> new Choice(what.getValue(), scale.getValue(), b == COPY));
    }
}
