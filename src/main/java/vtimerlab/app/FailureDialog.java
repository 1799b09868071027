package vtimerlab.app;

import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import vtimerlab.diagnostics.ErrorLog;

/**
 * What a user sees when something inside the app fails unexpectedly: the window stays open, and a dialog says in one
 * line what failed and names the log file that keeps the stack trace. It is the uncaught-exception handler of the
 * JavaFX thread (which goes on dispatching events after a handler throws) and of every other thread, the engine's
 * included ({@code Session} hands its failures to it).
 */
public final class FailureDialog implements Thread.UncaughtExceptionHandler {

    /** The id of the dialog's pane (tests look it up). */
    public static final String ID = "failure-dialog";

    private final Stage owner;
    private Alert showing;
    private int more;

    private FailureDialog(Stage owner) {
        this.owner = owner;
    }

    /** Handles every uncaught failure from now on; call it on the JavaFX thread. */
    public static FailureDialog install(Stage owner) {
        FailureDialog handler = new FailureDialog(owner);
        Thread.currentThread().setUncaughtExceptionHandler(handler);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        Optional<Path> log = ErrorLog.record("uncaught on thread " + thread.getName(), failure);
        if (Platform.isFxApplicationThread()) {
            show(failure, log);
        } else {
            Platform.runLater(() -> show(failure, log));
        }
    }

    /** The dialog now showing, if any. */
    public Optional<Alert> showing() {
        return Optional.ofNullable(showing).filter(Alert::isShowing);
    }

    private void show(Throwable failure, Optional<Path> log) {
        if (showing().isPresent()) {
            more++; // one dialog at a time: a burst of failures is counted, not stacked
            showing.setHeaderText(header());
            return;
        }
        more = 0;
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.setTitle(VTimerLabApp.TITLE + ": something went wrong");
        alert.setHeaderText(header());
        String what = failure.getClass().getSimpleName() + (failure.getMessage() != null ? ": "
                + failure.getMessage().lines().findFirst().orElse("") : "");
        alert.setContentText(what + "\n\nThe window stays open: you can go on, or save what you did (File > Save "
                + "scenario as) and start again.\n" + log.map(f -> "The details were written to " + f + ".")
                        .orElse("The details could not be written to a log file."));
        alert.getDialogPane().setId(ID);
        alert.getDialogPane().setMinWidth(480);
        showing = alert;
        alert.show(); // not showAndWait: that is refused inside an animation or a layout pass
    }

    private String header() {
        return "Something went wrong inside VTimer Lab" + (more == 0 ? "" : " (and " + more + " more time"
                + (more == 1 ? "" : "s") + " since)");
    }
}
