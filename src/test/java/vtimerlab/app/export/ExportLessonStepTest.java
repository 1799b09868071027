package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.TestWindow;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonScript;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * A lecturer with lesson 7 open at its third step ("schedule(), and the put inside it") exports that step as an
 * animation for a slide: File > Export animation offers the lesson's steps with the one on screen chosen, and the GIF
 * written has one frame for the state the step starts in and one per event of the step's own lines, each the size of
 * the window. The window is left on the lesson's step.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ExportLessonStepTest {
    private static final String LESSON = "07-blocking-flow1";
    private static final int STEP = 2;

    @TempDir
    Path dir;
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-export-step");
    }

    @Start
    void start(Stage stage) {
        window = TestWindow.shownAt(stage, 1280, 720);
        window.openLesson(LESSON, STEP);
    }

    /** The events the step's own lines add, counted by the engine alone. */
    private static long eventsOfTheStep(Lesson l) throws Exception {
        long before = ScenarioRunner.run(ScenarioParser.parse("before", LessonScript.scenarioBefore(l, STEP)))
                .machine().furthestEvent();
        long through = ScenarioRunner.run(ScenarioParser.parse("through", LessonScript.scenarioThrough(l, STEP)))
                .machine().furthestEvent();
        return through - before;
    }

    @Test
    void theStepOnScreenIsOfferedAndItsAnimationHasAFramePerEventOfTheStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.lessonsShown()
                && window.lessons().lesson() != null && window.session().frame() != null
                && !window.session().busyProperty().get());
        Lesson lesson = LessonLibrary.find(LessonLibrary.shipped().lessons(), LESSON).orElseThrow();
        long events = eventsOfTheStep(lesson);
        assertThat(events).as("the step's lines run events").isGreaterThan(1);
        Path gif = dir.resolve("step.gif");
        window.export().saveAs((what, name) -> {
            assertThat(name).endsWith(".gif");
            return gif;
        });

        robot.clickOn("File");
        robot.clickOn("Export animation...");
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<?> events0 = robot.lookup("#" + ExportAnimationDialog.EVENTS_ID).queryAs(ChoiceBox.class);
        ChoiceBox<?> step = robot.lookup("#" + ExportAnimationDialog.STEP_ID).queryAs(ChoiceBox.class);
        assertThat(events0.getValue()).isEqualTo(ExportAnimationDialog.STEP);
        assertThat(step.getSelectionModel().getSelectedIndex()).isEqualTo(STEP);
        assertThat(step.getItems()).hasSize(lesson.steps().size());
        assertThat(robot.lookup("#" + ExportAnimationDialog.FROM_ID).query().isDisabled()).isTrue();
        double[] size = new double[2];
        robot.interact(() -> {
            size[0] = window.scene().getRoot().getLayoutBounds().getWidth();
            size[1] = window.scene().getRoot().getLayoutBounds().getHeight();
        });
        robot.clickOn("Save GIF...");

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.session().console().stream()
                .anyMatch(l -> l.startsWith("animation written: " + gif)));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).as("the step's start and each of its events")
                    .isEqualTo((int) events + 1);
            assertThat(reader.read(0).getWidth()).isEqualTo((int) Math.ceil(size[0]));
            assertThat(reader.read((int) events).getHeight()).isEqualTo((int) Math.ceil(size[1]));
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lessons().currentStep()).isEqualTo(STEP);
        assertThat(window.lessons().lesson().id()).isEqualTo(LESSON);
    }
}
