package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.diagnostics.ErrorLog;

/**
 * An unexpected failure on the JavaFX thread or in the engine: the window stays open, a dialog names the log file,
 * and the log keeps the stack trace (issue 11). The failures are injected, as a bug would throw them.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class FailureDialogTest {

    private Stage stage;
    private MainWindow window;
    private FailureDialog failures;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-failures");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        failures = FailureDialog.install(stage);
        stage.show();
        window.openWelcome();
    }

    @AfterEach
    void uninstall(FxRobot robot) {
        robot.interact(() -> {
            failures.showing().ifPresent(a -> a.close());
            Thread.currentThread().setUncaughtExceptionHandler(null);
        });
        Thread.setDefaultUncaughtExceptionHandler(null);
    }

    private DialogPane dialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> failures.showing().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#" + FailureDialog.ID).queryAs(DialogPane.class);
    }

    @Test
    void aFailureOnTheFxThreadShowsTheLogFileAndTheWindowStaysOpen(FxRobot robot) throws Exception {
        Platform.runLater(() -> {
            throw new IllegalStateException("injected on the FX thread");
        });

        DialogPane pane = dialog(robot);
        assertThat(pane.getContentText()).contains("injected on the FX thread")
                .contains(ErrorLog.defaultFile().toString());
        assertThat(stage.isShowing()).isTrue();
        assertThat(Files.readString(ErrorLog.defaultFile())).contains("injected on the FX thread")
                .contains("\tat vtimerlab.app.FailureDialogTest");
        // the window still answers: a step forward moves the machine
        robot.interact(() -> failures.showing().orElseThrow().close());
        long before = window.session().frame().event();
        robot.interact(() -> window.session().stepForward());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame().event() == before + 1);
    }

    @Test
    void anEngineFailureIsLoggedWithItsStackTraceAndShown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.session().frame() != null);
        window.session().query(m -> {
            throw new IllegalStateException("injected in the engine");
        });

        DialogPane pane = dialog(robot);
        assertThat(pane.getContentText()).contains("injected in the engine")
                .contains(ErrorLog.defaultFile().toString());
        assertThat(Files.readString(ErrorLog.defaultFile())).contains("uncaught on thread vtimer-engine")
                .contains("injected in the engine").contains("\tat vtimerlab.app.session.Session");
        assertThat(robot.lookup("#" + MainWindow.STATUS_ID).queryAs(Label.class).getText())
                .contains("internal error");
        assertThat(stage.isShowing()).isTrue();
    }
}
