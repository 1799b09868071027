package vtimerlab.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The VTimer Lab window. Start it with {@code vtimerlab.Launcher} (no arguments) or {@code mvn javafx:run}. */
public class VTimerLabApp extends Application {

    public static final String TITLE = "VTimer Lab";

    private MainWindow window;

    public static void main(String[] args) {
        renderingSettings();
        launch(args);
    }

    /**
     * Rendering settings, set before JavaFX starts (a user's own {@code -D} wins). JavaFX repaints only the parts of
     * the window that changed, but by default it merges them into at most 6 rectangles; a playing run changes a dozen
     * small places at once (the counter's mark, the lamps, the counters, the timeline's newest lines), and merged
     * they cover most of the window. With the software renderer (no GPU) that took playback at 100 events/s from
     * about 22 to about 32 frames/s (FxResponsiveness, README).
     */
    public static void renderingSettings() {
        if (System.getProperty("prism.dirtyregioncount") == null) {
            System.setProperty("prism.dirtyregioncount", "15"); // the most JavaFX allows
        }
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage);
        java.util.Map<String, String> named = getParameters().getNamed();
        if ("dark".equalsIgnoreCase(named.get("theme"))) {
            window.setTheme(vtimerlab.app.view.Theme.DARK);
        } else if ("light".equalsIgnoreCase(named.get("theme"))) {
            window.setTheme(vtimerlab.app.view.Theme.LIGHT);
        }
        stage.show();
        java.util.List<String> files = getParameters().getUnnamed();
        if (!files.isEmpty()) {
            long at = 0;
            try {
                at = Long.parseLong(named.getOrDefault("at", "0"));
            } catch (NumberFormatException e) {
                at = 0;
            }
            window.open(java.nio.file.Path.of(files.get(0)), at);
        } else {
            window.openWelcome();
        }
        String shown = named.get("lessons");
        if (shown != null) {
            window.showLessons(shown.equalsIgnoreCase("on") || shown.equalsIgnoreCase("true"));
        }
        String lesson = named.get("lesson");
        if (lesson != null) {
            int step = -1;
            try {
                step = named.containsKey("step") ? Integer.parseInt(named.get("step")) - 1 : -1;
            } catch (NumberFormatException e) {
                step = -1;
            }
            window.openLesson(lesson, step);
        }
    }

    /** The window (for tests). */
    public MainWindow window() {
        return window;
    }
}
