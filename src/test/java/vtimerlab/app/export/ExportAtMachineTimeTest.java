package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.TestWindow;
import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;
import vtimerlab.support.GifFrames;

/**
 * A lecturer wants an animation in which time flows as on the machine: File > Export animation, "Frames: One per span
 * of machine time", every 5 µs, each span shown for 50 ms. The timer fires at t = 1000 (a burst of kernel events in
 * one instant) and nothing happens until the guest acknowledges at t = 100000: the GIF has one frame before the
 * expiry, one for the burst's outcome that stays up for the whole wait, and one for the end, and its delays add up to
 * the range's machine time at 50 ms per 5 µs. The dialog remembers the choice the next time.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ExportAtMachineTimeTest {
    private static final String WAIT = GifFrames.IDLE_WAIT;

    private MainWindow window;
    private Path dir;
    private long end;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-export-time");
    }

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("vtimerlab-export-time");
        Path scn = dir.resolve("wait.scn");
        Files.writeString(scn, WAIT);
        end = ScenarioRunner.run(ScenarioParser.parse("wait", WAIT)).machine().furthestEvent();
        window = TestWindow.shownAt(stage, 1280, 720);
        window.open(scn, end);
    }

    private static void type(FxRobot robot, String id, String text) {
        Spinner<?> s = robot.lookup("#" + id).queryAs(Spinner.class);
        robot.clickOn(s.getEditor());
        robot.push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN));
        robot.write(text);
        robot.push(KeyCode.TAB); // the spinner takes what was typed when it loses the focus
    }

    /** Opens the choice box {@code id} and clicks {@code item} in the list it pops up. */
    private static void choose(FxRobot robot, String id, String item, Object value) {
        robot.clickOn("#" + id);
        WaitForAsyncUtils.waitForFxEvents();
        Node entry = robot.lookup(".context-menu").queryAll().stream()
                .flatMap(menu -> robot.from(menu).lookup(LabeledMatchers.hasText(item)).queryAll().stream())
                .findFirst().orElseThrow(() -> new AssertionError(item + " is not offered"));
        robot.clickOn(entry);
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<?> box = robot.lookup("#" + id).queryAs(ChoiceBox.class);
        assertThat(box.getValue()).as(item + " chosen").isEqualTo(value);
    }

    @Test
    void anIdleWaitIsOneFrameShownForAsLongAsItLasted(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == end);
        WaitForAsyncUtils.waitForFxEvents();
        Path gif = dir.resolve("wait.gif");
        window.export().saveAs((what, name) -> gif);

        robot.clickOn("File");
        robot.clickOn("Export animation...");
        WaitForAsyncUtils.waitForFxEvents();
        String header = robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText();
        assertThat(header).contains("one frame per event").contains("one per span of machine time");
        ChoiceBox<?> frames = robot.lookup("#" + ExportAnimationDialog.FRAMES_ID).queryAs(ChoiceBox.class);
        assertThat(frames.getValue()).isEqualTo(ExportAnimationDialog.PER_EVENT);
        Node span = robot.lookup("#" + ExportAnimationDialog.SPAN_ID).query();
        assertThat(span.isDisabled()).as("no span while a frame is taken per event").isTrue();

        type(robot, ExportAnimationDialog.FROM_ID, "0");
        choose(robot, ExportAnimationDialog.FRAMES_ID, ExportAnimationDialog.PER_SPAN, ExportAnimationDialog.PER_SPAN);
        assertThat(span.isDisabled()).isFalse();
        type(robot, ExportAnimationDialog.SPAN_ID, "5");
        choose(robot, ExportAnimationDialog.SPAN_UNIT_ID, "ticks", MachineSpan.Unit.TICKS); // another unit first
        choose(robot, ExportAnimationDialog.SPAN_UNIT_ID, "µs", MachineSpan.Unit.US);
        // what 5 µs is on this machine's counter (the scenario's default 100 MHz)
        assertThat(robot.lookup("#" + ExportAnimationDialog.SPAN_TICKS_ID).queryAs(Label.class).getText())
                .isEqualTo("= 500 ticks (5 µs) at 100 MHz");
        type(robot, ExportAnimationDialog.DELAY_ID, "50");
        robot.clickOn("Save GIF...");

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.session().console().stream()
                .anyMatch(l -> l.startsWith("animation written: " + gif)));

        // the machine's own times: the expiry's events all at one instant, then the wait until the guest's ack
        Machine m = ScenarioRunner.run(ScenarioParser.parse("wait", WAIT)).machine();
        long expiry = m.trace().stream().filter(e -> e.event() > 0).mapToLong(TraceEntry::time).filter(t -> t > 0)
                .min().orElseThrow();
        long last = m.trace().stream().filter(e -> e.event() > 0).mapToLong(TraceEntry::time).max().orElseThrow();
        assertThat(expiry).isEqualTo(1000);
        assertThat(last).isEqualTo(100_000);
        long spanTicks = 5 * 100; // 5 µs at the default 100 MHz
        long before = expiry / spanTicks; // samples at t = 0, 500 show the state the writes left
        long during = (last - expiry) / spanTicks; // samples at t = 1000 .. 99500: the expiry's outcome
        int[] hundredths = GifFrames.delays(gif);
        assertThat(hundredths).containsExactly((int) (before * 50 / 10), (int) (during * 50 / 10), 50 / 10);
        assertThat(java.util.Arrays.stream(hundredths).sum() * 10L).as("the range's machine time, 50 ms a span")
                .isEqualTo((last / spanTicks + 1) * 50);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame().event() == end);

        // asked again, the dialog offers what was chosen
        robot.clickOn("File");
        robot.clickOn("Export animation...");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#" + ExportAnimationDialog.FRAMES_ID).queryAs(ChoiceBox.class).getValue())
                .isEqualTo(ExportAnimationDialog.PER_SPAN);
        assertThat(robot.lookup("#" + ExportAnimationDialog.SPAN_ID).queryAs(Spinner.class).getValue()).isEqualTo(5);
        assertThat(robot.lookup("#" + ExportAnimationDialog.SPAN_UNIT_ID).queryAs(ChoiceBox.class).getValue())
                .isEqualTo(MachineSpan.Unit.US);
        assertThat(robot.lookup("#" + ExportAnimationDialog.DELAY_ID).queryAs(Spinner.class).getValue()).isEqualTo(50);
        robot.clickOn("Cancel");
    }
}
