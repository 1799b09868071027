package vtimerlab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The VTimer Lab window (a first version: the engine's state and trace as text; the animated diagrams come next).
 * Start it with {@code vtimerlab.Launcher} (no arguments) or {@code mvn javafx:run}. It runs a scenario off the
 * JavaFX thread and shows what the engine says; it decides nothing itself.
 */
public class VTimerLabApp extends Application {

    public static final String TITLE = "VTimer Lab";
    /** The scenario the window opens with. */
    public static final Path WELCOME = Path.of("assets", "scenarios", "expiry-optimized.scn");

    /** Ids for lookups in GUI tests. */
    public static final String STATE_VIEW_ID = "state";
    public static final String TRACE_VIEW_ID = "trace";
    public static final String STATUS_ID = "status";

    private final TextArea state = new TextArea();
    private final ListView<String> trace = new ListView<>();
    private final Label status = new Label();
    private Stage stage;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        stage.setTitle(TITLE);
        stage.setScene(new Scene(createRoot(), 1100, 720));
        stage.show();
        if (Files.isReadable(WELCOME)) {
            open(WELCOME);
        } else {
            status.setText("Open a scenario (.scn) to run it.");
        }
    }

    /** The window's content: a toolbar, the state and the trace side by side, a status line. */
    BorderPane createRoot() {
        Label heading = new Label("KVM/ARM virtual timer");
        heading.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        Button open = new Button("Open scenario...");
        open.setOnAction(e -> chooseAndOpen());
        HBox top = new HBox(16, heading, open);
        top.setPadding(new Insets(8));

        state.setId(STATE_VIEW_ID);
        state.setEditable(false);
        state.setStyle("-fx-font-family: monospace;");
        state.setText("No scenario loaded.");
        trace.setId(TRACE_VIEW_ID);
        trace.setStyle("-fx-font-family: monospace;");
        SplitPane centre = new SplitPane(state, trace);
        centre.setDividerPositions(0.32);

        status.setId(STATUS_ID);
        status.setPadding(new Insets(4, 8, 4, 8));

        BorderPane root = new BorderPane();
        root.setTop(top);
        root.setCenter(centre);
        root.setBottom(status);
        return root;
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios", "*.scn"));
        if (Files.isDirectory(WELCOME.getParent())) {
            chooser.setInitialDirectory(WELCOME.getParent().toFile());
        }
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Runs a scenario in the background and shows the machine it leaves. */
    public void open(Path file) {
        status.setText("Running " + file + " ...");
        Task<RunResult> run = new Task<>() {
            @Override
            protected RunResult call() {
                return ScenarioRunner.run(file);
            }
        };
        run.setOnSucceeded(e -> show(file, run.getValue()));
        run.setOnFailed(e -> status.setText(file + ": " + run.getException().getMessage()));
        Thread t = new Thread(run, "scenario-runner");
        t.setDaemon(true);
        t.start();
    }

    private void show(Path file, RunResult r) {
        if (r.machine() != null) {
            Map<String, Value> values = r.machine().state();
            state.setText(values.entrySet().stream().map(en -> String.format("%-28s %s", en.getKey(), en.getValue()))
                    .collect(Collectors.joining("\n")));
            trace.setItems(FXCollections.observableArrayList(
                    r.machine().trace().stream().map(TraceEntry::toText).toList()));
        }
        String verdict = switch (r.exitStatus()) {
            case 0 -> r.checks() + " checks held";
            case 1 -> r.failures().size() + " check(s) failed";
            default -> "stopped";
        };
        status.setText(file.getFileName() + ": " + verdict + (r.messages().isEmpty() ? ""
                : " - " + r.messages().get(0)));
        Platform.runLater(() -> stage.setTitle(TITLE + " - " + file.getFileName()));
    }
}
