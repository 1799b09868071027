package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Theme;

/** Uses the real window headless (Monocle) as a student would: it opens on an example, plays, steps, steps back. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class AppSmokeTest {

    private Stage stage;
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        stage.show();
        window.openWelcome();
    }

    private Frame waitForFrame(java.util.function.Predicate<Frame> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Frame f = window.session().frame();
            return f != null && condition.test(f);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window.session().frame();
    }

    private String position(FxRobot robot) {
        return robot.lookup("#" + PlaybackBar.POSITION_ID).queryAs(Label.class).getText();
    }

    @Test
    void theWindowOpensOnAnExampleAtItsStart(FxRobot robot) throws Exception {
        Frame f = waitForFrame(x -> x.furthest() > 0);
        assertThat(stage.getTitle()).startsWith("VTimer Lab");
        assertThat(f.event()).isZero();
        assertThat(f.source()).isEqualTo("expiry-optimized.scn");
        Label status = robot.lookup("#" + MainWindow.STATUS_ID).queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().contains("loaded"));
        assertThat(window.session().console()).contains("machine pcpus=1 vcpus=1 design=optimized");
        assertThat(position(robot)).contains("event 0");
    }

    @Test
    void stepAndStepBackMoveOneEventAndTheStateFollows(FxRobot robot) throws Exception {
        waitForFrame(x -> x.furthest() > 0);
        robot.clickOn("#" + PlaybackBar.STEP_ID);
        Frame one = waitForFrame(x -> x.event() == 1);
        robot.clickOn("#" + PlaybackBar.STEP_ID);
        waitForFrame(x -> x.event() == 2);
        robot.clickOn("#" + PlaybackBar.BACK_ID);
        Frame back = waitForFrame(x -> x.event() == 1);
        assertThat(back.vcpus()).isEqualTo(one.vcpus());
        assertThat(back.cpus()).isEqualTo(one.cpus());
        assertThat(position(robot)).contains("event 1 /");
        robot.clickOn("#" + PlaybackBar.END_ID);
        Frame end = waitForFrame(Frame::atEnd);
        assertThat(end.vcpus().get(0).timerIrqs()).isEqualTo(1);
        robot.clickOn("#" + PlaybackBar.START_ID);
        assertThat(waitForFrame(x -> x.event() == 0).vcpus().get(0).timerIrqs()).isZero();
    }

    @Test
    void playRunsToTheEndAndPauseStops(FxRobot robot) throws Exception {
        waitForFrame(x -> x.furthest() > 0);
        robot.interact(() -> robot.lookup("#" + PlaybackBar.SPEED_ID).queryAs(Slider.class).setValue(3));
        robot.clickOn("#" + PlaybackBar.PLAY_ID);
        Frame f = waitForFrame(x -> x.event() > 0);
        robot.clickOn("#" + PlaybackBar.PLAY_ID);
        long paused = waitForFrame(x -> true).event();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().frame().event()).isEqualTo(paused);
        assertThat(f.event()).isPositive();
        robot.clickOn("#" + PlaybackBar.PLAY_ID);
        assertThat(waitForFrame(Frame::atEnd).atEnd()).isTrue();
    }

    @Test
    void theThemeCanBeSwitchedToDarkAndBack(FxRobot robot) {
        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.theme()).isEqualTo(Theme.DARK);
        // what a student sees: the panels turn dark, and light again; so do the lesson list's entries (Modena
        // made lists light grey under a dark base, with pale text on them)
        window.showLessons(true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(brightness(robot, ".vt-panel")).isLessThan(0.3);
        assertThat(brightness(robot, "#lesson-list .list-cell")).isLessThan(0.3);
        robot.clickOn("View").clickOn("Light theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.theme()).isEqualTo(Theme.LIGHT);
        assertThat(brightness(robot, ".vt-panel")).isGreaterThan(0.9);
        assertThat(brightness(robot, "#lesson-list .list-cell")).isGreaterThan(0.85);
    }

    /** How bright the background of the first node the selector finds is (0 black, 1 white). */
    private static double brightness(FxRobot robot, String selector) {
        javafx.scene.layout.Region r = robot.lookup(selector).queryAs(javafx.scene.layout.Region.class);
        java.util.List<javafx.scene.layout.BackgroundFill> fills = r.getBackground().getFills();
        javafx.scene.paint.Paint fill = fills.get(fills.size() - 1).getFill();
        return ((javafx.scene.paint.Color) fill).getBrightness();
    }
}
