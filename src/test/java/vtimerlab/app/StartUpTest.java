package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;

/**
 * VTimer Lab started as a student starts it (the application class, with the command line's options): the window is
 * on the screen at once with its menus, toolbar and status bar, and the diagrams are built into it once that first
 * frame is drawn (start-up, README). Nothing given at the start is lost to that order: the welcome example, a lesson
 * named on the command line, a menu item chosen in the moment before the diagrams are there.
 */
@Tag("gui")
class StartUpTest {

    /** What the window held when the application's start returned, before any frame was drawn. */
    public static final class Started extends VTimerLabApp {
        static volatile boolean diagramsAtStart;
        static volatile boolean menusAtStart;
        static volatile boolean playAtStart;
        static volatile String centreAtStart;
        /** A View menu item to choose as soon as the window is shown (null: none). */
        static volatile String choose;
        static volatile MainWindow window;

        @Override
        public void start(Stage stage) {
            super.start(stage);
            window = window();
            Scene scene = stage.getScene();
            diagramsAtStart = scene.lookup("#panel-timer") != null;
            menusAtStart = scene.lookup(".menu-bar") instanceof MenuBar bar && bar.getMenus().size() >= 5;
            playAtStart = scene.lookup("#" + PlaybackBar.PLAY_ID) != null;
            centreAtStart = scene.lookup(".vt-building") instanceof Label l ? l.getText() : null;
            if (choose != null && scene.lookup(".menu-bar") instanceof MenuBar bar) {
                for (Menu m : bar.getMenus()) {
                    for (MenuItem i : m.getItems()) {
                        if (choose.equals(i.getText())) {
                            i.fire();
                        }
                    }
                }
            }
        }
    }

    private Application app;

    @BeforeAll
    static void stage() throws TimeoutException, java.util.prefs.BackingStoreException {
        TestWindow.ownPreferences("vtimerlab-test-start-up");
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void nothingChosen() {
        Started.choose = null;
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowComesFirstWithItsMenusAndToolbarAndTheDiagramsFollowOnTheWelcomeExample() throws Exception {
        app = FxToolkit.setupApplication(Started.class);

        assertThat(Started.menusAtStart).as("the menu bar is in the first frame").isTrue();
        assertThat(Started.playAtStart).as("the playback bar is in the first frame").isTrue();
        assertThat(Started.diagramsAtStart).as("the diagrams are built after the first frame").isFalse();
        assertThat(Started.centreAtStart).isEqualTo("Drawing the diagrams\u2026");

        Scene scene = Started.window.scene();
        waitFor(() -> scene.lookup("#panel-timer") != null && scene.lookup("#panel-gic") != null
                && scene.lookup("#panel-lrs") != null);
        assertThat(scene.lookup(".vt-building")).as("the placeholder is gone").isNull();
        waitFor(() -> {
            Frame f = Started.window.session().frame();
            return f != null && f.furthest() > 0;
        });
        assertThat(Started.window.session().frame().source()).isEqualTo("expiry-optimized.scn");
    }

    @Test
    void aLessonAndStepNamedOnTheCommandLineOpenOnceTheDiagramsAreThere() throws Exception {
        app = FxToolkit.setupApplication(Started.class, "--lesson=7", "--step=3");

        assertThat(Started.diagramsAtStart).isFalse();
        waitFor(() -> Started.window.lessonsShown() && Started.window.lessons().lesson() != null);
        assertThat(Started.window.lessons().lesson().id()).startsWith("07-");
        assertThat(Started.window.lessons().currentStep()).isEqualTo(2);
    }

    @Test
    void aMenuItemChosenBeforeTheDiagramsAreThereIsCarriedOutWhenTheyAre() throws Exception {
        Started.choose = "C_onsole";
        app = FxToolkit.setupApplication(Started.class);

        assertThat(Started.diagramsAtStart).isFalse();
        Scene scene = Started.window.scene();
        waitFor(() -> scene.lookup(".vt-bottom-tabs") instanceof TabPane);
        Node tabs = scene.lookup(".vt-bottom-tabs");
        waitFor(() -> ((TabPane) tabs).getSelectionModel().getSelectedIndex() == 1);
        assertThat(((TabPane) tabs).getSelectionModel().getSelectedItem().getText()).isEqualTo("Console");
    }
}
