package vtimerlab.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The VTimer Lab window. Start it with {@code vtimerlab.Launcher} (no arguments) or {@code mvn javafx:run}. */
public class VTimerLabApp extends Application {

    public static final String TITLE = "VTimer Lab";

    /** Ids for lookups in GUI tests ({@code #state}). */
    public static final String STATE_VIEW_ID = "state";

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle(TITLE);
        stage.setScene(new Scene(createRoot(), 1024, 700));
        stage.show();
    }

    /** The window's content: a heading on top and the machine state in the centre. */
    BorderPane createRoot() {
        Label heading = new Label("KVM/ARM virtual timer");
        heading.setStyle("-fx-font-size: 16px; -fx-padding: 8px;");

        TextArea state = new TextArea("No scenario loaded.");
        state.setId(STATE_VIEW_ID);
        state.setEditable(false);
        state.setStyle("-fx-font-family: monospace;");

        BorderPane root = new BorderPane();
        root.setTop(heading);
        root.setCenter(state);
        return root;
    }
}
