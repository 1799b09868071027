package vtimerlab.app.cpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.session.Frame;

/**
 * The diagrams follow the action (issue 10, point 3), as a student sees it in free play on the migration example:
 * with "follow vCPU" on (the default) the diagrams move to pcpu1 when vcpu0 migrates there, the choice glows and the
 * status bar says why; the per-CPU strip shows both CPUs' PPI 27, list registers and timer at once, marking the one
 * on the diagrams; with following off, the diagrams stay where the student put them.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class FollowVcpuTest {
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test");
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        window.open(Path.of("assets", "scenarios", "migration.scn"));
    }

    private void seek(FxRobot robot, long event) throws Exception {
        robot.interact(() -> window.session().seek(event));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == event);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDiagramsMoveWithTheVcpuVisiblyAndTheStripShowsBothCpus(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().furthest() > 61);
        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> choice = robot.lookup("#" + DiagramCpuView.CHOICE_ID).queryAs(ChoiceBox.class);
        CheckBox follow = robot.lookup("#" + DiagramCpuView.FOLLOW_ID).queryAs(CheckBox.class);
        assertThat(follow.isSelected()).as("follow vCPU is on by default").isTrue();
        long moved = -1;
        for (long e = 30; e <= 61 && moved < 0; e++) {
            seek(robot, e);
            Frame f = window.session().frame();
            if (f.vcpus().get(0).pcpu() == 1) {
                moved = e;
            }
        }
        assertThat(moved).as("vcpu0 migrates to pcpu1").isPositive();
        assertThat(choice.getValue()).isEqualTo(1);
        // the switch is said in the status bar (the choice also glows for a moment, too short to catch here)
        assertThat(window.session().statusProperty().get()).contains("The diagrams now show pcpu1");

        CpuStripView strip = robot.lookup("#" + CpuStripView.ID).queryAs(CpuStripView.class);
        assertThat(strip.isVisible()).isTrue();
        assertThat(robot.from(strip).lookup("." + CpuStripView.NAME_CLASS).queryAll()).hasSize(2);
        assertThat(strip.model().rows().get(1).shownOnDiagrams()).isTrue();
        assertThat(robot.from(strip).lookup(".cpu-strip-on").queryLabeled().getText()).startsWith("pcpu1");
        assertThat(strip.localToScreen(strip.getBoundsInLocal()).getHeight()).isPositive();

        // following off: back before the migration, the diagrams stay on pcpu1
        robot.clickOn(follow);
        assertThat(follow.isSelected()).isFalse();
        seek(robot, 10);
        assertThat(choice.getValue()).isEqualTo(1);
        assertThat(strip.model().rows().get(1).shownOnDiagrams()).isTrue();
        // and on again: the diagrams go where vcpu0 runs now
        robot.clickOn(follow);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(choice.getValue()).isEqualTo(0);
    }
}
