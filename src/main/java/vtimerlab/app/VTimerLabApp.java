package vtimerlab.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The VTimer Lab window. Start it with {@code vtimerlab.Launcher} (no arguments) or {@code mvn javafx:run}. */
public class VTimerLabApp extends Application {

    public static final String TITLE = "VTimer Lab";

    private MainWindow window;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        window.openWelcome();
    }

    /** The window (for tests). */
    public MainWindow window() {
        return window;
    }
}
