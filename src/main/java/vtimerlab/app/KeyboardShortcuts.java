package vtimerlab.app;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import vtimerlab.app.view.Theme;

/**
 * <i>Help &gt; Keyboard shortcuts</i>: every key the window answers to, read from where the keys are defined (the
 * menus' accelerators, the {@link PlaybackKey playback keys} of the main window), so the list cannot drift from what
 * the keys do.
 */
final class KeyboardShortcuts {
    /** The id of the table of shortcuts (tests look it up). */
    static final String TABLE_ID = "shortcuts-table";

    /** One shortcut: the keys as the platform shows them, and what they do (with the menu they are in). */
    record Shortcut(String keys, String action) { }

    /**
     * A key the main window takes on its own, outside any text field: the playback keys. {@code MainWindow} acts on
     * exactly these.
     */
    enum PlaybackKey {
        SPACE(KeyCode.SPACE, "Play / pause"),
        RIGHT(KeyCode.RIGHT, "Step forward one event"),
        LEFT(KeyCode.LEFT, "Step back one event"),
        HOME(KeyCode.HOME, "Go to the start"),
        END(KeyCode.END, "Go to the end");

        final KeyCode code;
        final String action;

        PlaybackKey(KeyCode code, String action) {
            this.code = code;
            this.action = action;
        }

        /** The playback key for a key code, or null. */
        static PlaybackKey of(KeyCode code) {
            for (PlaybackKey k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    private KeyboardShortcuts() {
    }

    /** Every shortcut of the window: each menu item's accelerator, then the playback keys. */
    static List<Shortcut> of(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            collect(m, plain(m.getText()), out);
        }
        for (PlaybackKey k : PlaybackKey.values()) {
            out.add(new Shortcut(k.code.getName(), "Playback: " + k.action
                    + " (when no text field has the keyboard)"));
        }
        return out;
    }

    private static void collect(Menu menu, String path, List<Shortcut> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) {
                collect(sub, path + " > " + plain(sub.getText()), out);
            } else if (i.getAccelerator() != null) {
                out.add(new Shortcut(i.getAccelerator().getDisplayText(), path + " > " + plain(i.getText())));
            }
        }
    }

    /** A menu text without its mnemonic mark ({@code _File} is File). */
    static String plain(String text) {
        return text == null ? "" : text.replace("_", "");
    }

    /** Opens the list in a window of its own, in the owner's theme. */
    static Stage show(Window owner, MenuBar bar, Theme theme) {
        GridPane grid = new GridPane();
        grid.setId(TABLE_ID);
        grid.setHgap(18);
        grid.setVgap(6);
        int r = 0;
        Label keysHead = new Label("Keys");
        Label whatHead = new Label("What they do");
        keysHead.setStyle("-fx-font-weight: bold;");
        whatHead.setStyle("-fx-font-weight: bold;");
        grid.addRow(r++, keysHead, whatHead);
        for (Shortcut s : of(bar)) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("vt-mono");
            keys.setStyle("-fx-font-family: monospace;");
            Label what = new Label(s.action());
            what.setWrapText(true);
            grid.addRow(r++, keys, what);
        }
        VBox box = new VBox(10, grid);
        box.setPadding(new Insets(16));
        Scene scene = new Scene(new ScrollPane(box), 620, 560);
        theme.apply(scene);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(VTimerLabApp.TITLE + ": Keyboard shortcuts");
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
