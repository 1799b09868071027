package vtimerlab.app;

import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.ZoomLevel;

/**
 * The window's zoom: every font, and so every diagram (they are measured in ems), from 50 % to 300 %. Shown in the
 * View menu and at the right of the status bar (a click there goes back to 100 %).
 *
 * <p>A step of 10 % is a pseudo-class of the root ({@code vt-zoom-N}, base.css): JavaFX then only updates the styles
 * it has already matched, where an inline style would make it match every node's CSS again. Any other zoom is set
 * inline.
 */
final class WindowZoom {
    static final String INDICATOR_ID = "zoom-level";
    static final String MENU_LEVEL_ID = "zoom-menu-level";

    private final Parent root;
    private final ReadOnlyObjectWrapper<ZoomLevel> level = new ReadOnlyObjectWrapper<>(ZoomLevel.ACTUAL);
    private final Button indicator = new Button();
    private final MenuItem menuLevel = new MenuItem();

    WindowZoom(Parent root) {
        this.root = root;
        indicator.setId(INDICATOR_ID);
        indicator.getStyleClass().add("vt-zoom-indicator");
        indicator.setFocusTraversable(false);
        indicator.setGraphic(new FontIcon("mdi2m-magnify"));
        new vtimerlab.app.view.DeferredTooltips().set(indicator, "The window's zoom: Ctrl+= larger, Ctrl+- smaller, "
                + "Ctrl+0 or a click here: 100 %");
        indicator.setOnAction(e -> set(ZoomLevel.ACTUAL));
        menuLevel.setId(MENU_LEVEL_ID);
        menuLevel.setDisable(true); // a line that says the level, in the menu beside the zoom items
        show();
    }

    ReadOnlyObjectProperty<ZoomLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }

    ZoomLevel level() {
        return level.get();
    }

    /** Draws the window at zoom {@code z} (clamped to 50 %..300 %). */
    void set(ZoomLevel z) {
        level.set(z);
        int tenths = z.tenths();
        for (int s = (int) Math.round(ZoomLevel.MIN * 10); s <= Math.round(ZoomLevel.MAX * 10); s++) {
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass("vt-zoom-" + s), s == tenths);
        }
        String inline = tenths > 0 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", z.fontPx());
        if (!inline.equals(root.getStyle())) {
            root.setStyle(inline);
        }
        show();
    }

    void zoomIn() {
        set(level.get().in());
    }

    void zoomOut() {
        set(level.get().out());
    }

    private void show() {
        String p = level.get().percent();
        indicator.setText(p);
        menuLevel.setText("Zoom: " + p);
    }

    /** The status bar's piece: the level, a click back to 100 %. */
    Node indicator() {
        return indicator;
    }

    /** The View menu's line that says the level (disabled: it is a label). */
    MenuItem menuLevel() {
        return menuLevel;
    }

    /** For tests: the texts the window shows of the level (status bar, menu). */
    List<String> shownTexts() {
        return List.of(indicator.getText(), menuLevel.getText());
    }
}
