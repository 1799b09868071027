package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.view.DiagramTexts;

/**
 * A lecturer presents lesson 1 on a 1920x1080 projector: F11 hides the side columns and the lesson panel, the lesson
 * becomes a caption strip, register values and state names are at least 24 px high; the clicker's Right (or Space,
 * PageDown) goes to the next step and Left back; Esc leaves and the layout and zoom come back. In free play the
 * clicker steps the machine.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class PresenterModeTest {
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-presenter");
    }

    @Start
    void start(Stage stage) {
        window = TestWindow.shownAt(stage, 1920, 1080);
        window.open(java.nio.file.Path.of("assets", "scenarios", "expiry-optimized.scn"), 19);
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForTheExample() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == 19);
        settle();
    }

    @Test
    void aLessonIsPresentedLargeAndTheClickerGoesThroughItsSteps(FxRobot robot) throws Exception {
        waitForTheExample();
        robot.interact(() -> window.openLesson("01-generic-timer", 0));
        settle();
        robot.clickOn("#panel-timer");
        robot.type(KeyCode.F11);
        settle();
        assertThat(window.presenterOn()).isTrue();
        assertThat(robot.lookup("#panel-cpus").tryQuery()).as("side column hidden").isEmpty();
        assertThat(robot.lookup("#" + LessonPanelIds.NEXT).tryQuery()).as("lesson panel hidden").isEmpty();
        Label title = robot.lookup("#" + PresenterMode.TITLE_ID).queryAs(Label.class);
        assertThat(title.getText()).contains("Step 1 of");
        List<String> small = new ArrayList<>();
        robot.interact(() -> {
            for (String d : List.of("timer", "gic", "lrs")) {
                Node p = window.scene().lookup("#panel-" + d);
                assertThat(p).as(d).isNotNull();
                for (Text t : DiagramTexts.visible(p)) {
                    if (DiagramTexts.pixelSize(t) < 24 - 1e-6) {
                        small.add(d + ": " + DiagramTexts.describe(t));
                    }
                }
            }
            assertThat(DiagramTexts.pixelSize(title.lookup(".text") instanceof Text t ? t : new Text()))
                    .isGreaterThanOrEqualTo(24);
        });
        assertThat(small).as("texts below 24 px in presenter mode at 1920x1080").isEmpty();

        robot.type(KeyCode.RIGHT);
        settle();
        assertThat(title.getText()).contains("Step 2 of");
        robot.type(KeyCode.LEFT);
        settle();
        assertThat(title.getText()).contains("Step 1 of");

        robot.type(KeyCode.ESCAPE);
        settle();
        assertThat(window.presenterOn()).isFalse();
        assertThat(window.zoom()).isEqualTo(1.0);
        assertThat(robot.lookup("#panel-cpus").tryQuery()).as("side column back").isPresent();
    }

    @Test
    void inFreePlayTheClickerStepsTheMachine(FxRobot robot) throws Exception {
        waitForTheExample();
        robot.interact(() -> window.showLessons(false));
        settle();
        robot.clickOn("#panel-timer");
        robot.type(KeyCode.F11);
        settle();
        assertThat(window.presenterOn()).isTrue();
        robot.type(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame().event() == 18);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame().event() == 19);
        settle();
        assertThat(robot.lookup("#" + PresenterMode.TITLE_ID).queryAs(Label.class).getText()).contains("event 19");
        robot.type(KeyCode.F11);
        settle();
        assertThat(window.presenterOn()).isFalse();
    }

    /** The lesson panel's ids, as a student's clicks find them. */
    private static final class LessonPanelIds {
        static final String NEXT = vtimerlab.app.lesson.LessonPanel.NEXT_ID;
    }
}
