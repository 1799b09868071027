package vtimerlab.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.stage.Stage;

/**
 * The set-up the window tests share: preferences of their own (what one test class remembers, such as a zoom or a
 * divider, must not reach another), and the main window shown as a student sees it at a given screen size.
 */
public final class TestWindow {
    private TestWindow() {
    }

    /** The window remembers its settings under {@code node}, emptied first. */
    public static void ownPreferences(String node) throws BackingStoreException {
        System.setProperty("vtimerlab.prefs", node);
        Preferences.userRoot().node(node).removeNode();
    }

    /** The main window at 100 % (an earlier test may have left another zoom), at the screen's top left, shown. */
    public static MainWindow shownAt(Stage stage, int width, int height) {
        MainWindow window = new MainWindow(stage);
        window.setZoom(1.0);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return window;
    }
}
