package vtimerlab.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.lesson.LessonProgress;
import vtimerlab.lesson.ProgressStore;

/**
 * A student takes a lesson in the app: the list (with a malformed lesson reported, the good one still there), the
 * steps with their highlights, a prediction answered wrong, a question answered wrong then right, hints, a task done
 * in the sandbox through the console, progress kept on disk, and a corrupt progress file set aside, not lost.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LessonPlayerTest {
    private static Path home;
    private static Path folder;

    private MainWindow window;

    @BeforeAll
    static void aLessonsFolderAndASettingsFolder() throws Exception {
        home = Files.createTempDirectory("vtimerlab-home");
        folder = Files.createTempDirectory("vtimerlab-lessons");
        Files.copy(Path.of("src/test/resources/lessons-player/01-tiny-timer.lesson"),
                folder.resolve("01-tiny-timer.lesson"));
        Files.writeString(folder.resolve("02-broken.lesson"), "# Broken\nsummary: x\n\n## Predict: no path\n"
                + "What?\n", StandardCharsets.UTF_8);
        // a progress file cut off by a crash mid-write (before atomic saves) or edited by hand
        Files.writeString(home.resolve("progress.txt"), "this is not a progress file\n\0\0garbage",
                StandardCharsets.UTF_8);
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-lessons");
        System.setProperty("vtimerlab.home", home.toString());
        System.setProperty("vtimerlab.lessons", folder.toString());
    }

    /** The window tests that run after this class in the same JVM see the shipped lessons and the real home again. */
    @org.junit.jupiter.api.AfterAll
    static void restoreTheLessonFolderAndHome() {
        System.clearProperty("vtimerlab.lessons");
        System.clearProperty("vtimerlab.home");
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        window.openWelcome();
    }

    private LessonPanel panel() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.lessonsShown());
        WaitForAsyncUtils.waitForFxEvents();
        return window.lessons();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean says(LessonPanel p, String words) {
        return p.feedbackTexts().stream().anyMatch(t -> t.contains(words));
    }

    @Test
    @Order(1)
    void aCorruptProgressFileIsReportedAndSetAsideNotDeleted(FxRobot robot) throws Exception {
        LessonPanel p = panel();
        assertThat(p.notice()).contains("set aside");
        try (Stream<Path> files = Files.list(home)) {
            List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith("progress.txt.corrupt"))
                    .toList();
            assertThat(aside).hasSize(1);
            assertThat(Files.readString(aside.get(0))).contains("this is not a progress file");
        }
    }

    @Test
    @Order(2)
    void aMalformedLessonIsReportedWithFileAndLineAndTheOthersStillLoad(FxRobot robot) throws Exception {
        LessonPanel p = panel();
        assertThat(p.lessons()).extracting(l -> l.id()).containsExactly("01-tiny-timer");
        assertThat(p.problems()).isNotEmpty().allMatch(m -> m.contains("02-broken.lesson:4: "));
        assertThat(robot.lookup("#" + LessonPanel.PROBLEMS_ID + " .label").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().matches(".*02-broken\\.lesson:\\d+: .*"));
    }

    @Test
    @Order(3)
    void aStudentTakesTheLessonWithRightAndWrongAnswers(FxRobot robot) throws Exception {
        LessonPanel p = panel();
        ListView<?> list = robot.lookup("#" + LessonPanel.LIST_ID).queryAs(ListView.class);
        robot.clickOn("1. A tiny timer lesson");
        assertThat(list.getSelectionModel().getSelectedIndex()).isZero();
        robot.clickOn("#" + LessonPanel.START_ID);
        waitUntil(() -> p.lesson() != null);
        Label position = robot.lookup("#" + LessonPanel.POSITION_ID).queryAs(Label.class);
        assertThat(position.getText()).isEqualTo("Step 1 of 4 · Step");
        assertThat(p.stepText()).contains("The guest writes CNTV_TVAL_EL0 = 1000");
        // the step points at CVAL and ENABLE in the timer diagram
        assertThat(p.highlighted()).extracting(Node::getId).contains("tc-cval-label", "tc-enable");
        // its lines ran in the session (the console shows them) and play on the diagrams
        waitUntil(() -> window.session().console().contains("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0"));
        waitUntil(() -> window.session().frame().atEnd());
        assertThat(window.session().frame().vcpus().get(0).cval()).isEqualTo(1000);

        // Predict: the student says 2; the engine says 1
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        waitUntil(() -> position.getText().equals("Step 2 of 4 · Predict"));
        // before the answer, the machine stands before the step's lines: no time has passed
        waitUntil(() -> window.session().frame() != null && window.session().frame().time() == 0);
        robot.clickOn("#" + LessonPanel.HINT_ID);
        assertThat(robot.lookup(".lesson-hint-text").queryAs(Label.class).getText())
                .contains("The default handler masks the timer");
        robot.clickOn("#predict-choice-2");
        robot.clickOn("#" + LessonPanel.PREDICT_CHECK_ID);
        waitUntil(() -> says(p, "Not this time"));
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("you said 2")
                && t.contains("vcpu0.guest.timer_irqs = 1"));
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("the guest's handler masked the timer"));
        // and then it happens on the diagrams
        waitUntil(() -> window.session().frame().atEnd());
        assertThat(window.session().frame().vcpus().get(0).timerIrqs()).isEqualTo(1);

        // Quiz: answered once, right; every other choice is explained with it, and Answer takes no second answer
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        waitUntil(() -> position.getText().equals("Step 3 of 4 · Question"));
        robot.clickOn("#quiz-choice-0");
        robot.clickOn("#" + LessonPanel.QUIZ_ANSWER_ID);
        waitUntil(() -> says(p, "Right"));
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("HW=1"));
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("before forwarding"));
        assertThat(robot.lookup("#" + LessonPanel.QUIZ_ANSWER_ID).queryButton().isDisabled()).isTrue();
        // the teacher's "Right." is not said twice, and Markdown's code marks are not shown as backticks
        assertThat(p.feedbackTexts()).noneMatch(t -> t.contains("Right. Right.") || t.contains("`"));

        // Task: not done yet; the student acts in the console; done
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        waitUntil(() -> position.getText().equals("Step 4 of 4 · Task"));
        waitUntil(() -> window.session().frame().atEnd());
        robot.clickOn("#" + LessonPanel.TASK_CHECK_ID);
        waitUntil(() -> says(p, "Not yet"));
        // "Try it yourself" opens the console with the cursor in it
        robot.clickOn("#" + LessonPanel.TRY_ID);
        javafx.scene.control.TextField input = robot.lookup("#console-input")
                .queryAs(javafx.scene.control.TextField.class);
        waitUntil(input::isFocused);
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("You are in the sandbox"));
        for (String line : List.of("vcpu0 write CNTV_TVAL_EL0 300", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0",
                "advance 500")) {
            waitUntil(input::isFocused);
            robot.write(line).type(KeyCode.ENTER);
            waitUntil(() -> window.session().console().contains(line));
        }
        robot.clickOn("#" + LessonPanel.TASK_CHECK_ID);
        waitUntil(() -> says(p, "Task done"));

        // progress is on disk, as the engine graded it
        p.flush();
        LessonProgress saved = new ProgressStore(home.resolve("progress.txt")).load().progress();
        assertThat(saved.outcome("01-tiny-timer", 1)).contains(LessonProgress.Outcome.WRONG);
        assertThat(saved.outcome("01-tiny-timer", 2)).contains(LessonProgress.Outcome.RIGHT);
        assertThat(saved.outcome("01-tiny-timer", 3)).contains(LessonProgress.Outcome.DONE);
        assertThat(saved.step("01-tiny-timer")).isEqualTo(3);

        // Finish: back to the list, which shows the lesson complete
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        waitUntil(() -> p.lesson() == null);
        assertThat(robot.lookup(".lesson-cell-meta").queryAs(Label.class).getText()).contains("complete");
    }

    @Test
    @Order(5)
    void everyHighlightNameALessonMayUsePointsAtThatPartOfTheWindow(FxRobot robot) throws Exception {
        panel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // every part is drawn by a node of its own (the physical timer's too, since issue 14 item 2)
        for (String name : vtimerlab.lesson.DiagramElement.drawnNames()) {
            String concrete = name.replace("pcpuN", "pcpu0").replace("vcpuN", "vcpu0");
            Node n = fxElement(robot, concrete);
            assertThat(n).as(concrete).isNotNull();
            if (concrete.contains(".") || concrete.matches("(pcpu|vcpu)\\d+")) {
                // a part, not the whole panel it sits in
                assertThat(n.getId()).as(concrete).isNotNull().doesNotStartWith("panel-");
            }
        }
    }

    private Node fxElement(FxRobot robot, String name) {
        Node[] out = new Node[1];
        robot.interact(() -> out[0] = window.element(name));
        return out[0];
    }

    @Test
    @Order(4)
    void theStudentsPlaceIsKeptWhenTheAppOpensAgain(FxRobot robot) throws Exception {
        LessonPanel p = panel();
        assertThat(p.notice()).isEmpty(); // the progress file written by the last test reads fine
        assertThat(p.progress().step("01-tiny-timer")).isEqualTo(3);
        robot.interact(() -> p.open(p.lessons().get(0)));
        Label position = robot.lookup("#" + LessonPanel.POSITION_ID).queryAs(Label.class);
        assertThat(position.getText()).isEqualTo("Step 4 of 4 · Task");
        // Back goes one step, and shows it done
        robot.clickOn("#" + LessonPanel.BACK_ID);
        waitUntil(() -> position.getText().equals("Step 3 of 4 · Question"));
        assertThat(p.feedbackTexts()).anyMatch(t -> t.contains("Earlier you answered this right"));
    }
}
