package vtimerlab.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.PlaybackBar;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.ProgressStore;

/**
 * The lesson panel as a student meets it on the first run (numbered lessons, "Start here" on the first, a lesson
 * opened by its number) and as it holds up in a folder with many broken lessons and a damaged progress file: the
 * problems scroll in a bounded box above the playback bar, the progress bars fill, the notices name what was lost and
 * close, and a bad line costs only its own lesson's progress.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LessonPanelHoldsUpTest {
    private Stage stage;
    private MainWindow window;

    /** The window tests that run after this class in the same JVM see the shipped lessons and the real home again. */
    @org.junit.jupiter.api.AfterAll
    static void restoreTheLessonFolderAndHome() {
        System.clearProperty("vtimerlab.lessons");
        System.clearProperty("vtimerlab.home");
    }

    @Start
    void start(Stage primary) {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-panel-holds-up");
    }

    @AfterEach
    void close(FxRobot robot) {
        if (stage != null) {
            robot.interact(stage::close);
        }
    }

    /** A window whose lessons come from {@code folder} and whose progress lives in {@code home}. */
    private LessonPanel open(FxRobot robot, Path folder, Path home) throws Exception {
        System.setProperty("vtimerlab.home", home.toString());
        System.setProperty("vtimerlab.lessons", folder.toString());
        robot.interact(() -> {
            stage = new Stage();
            stage.setWidth(1280);
            stage.setHeight(720);
            window = new MainWindow(stage);
            stage.setWidth(1280);
            stage.setHeight(720);
            stage.show();
            if (!window.lessonsShown()) {
                window.toggleLessons();
            }
        });
        waitUntil(() -> window.lessonsShown() && !window.lessons().lessons().isEmpty());
        return window.lessons();
    }

    private static void waitUntil(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Path shippedLessonsCopy() throws Exception {
        Path folder = Files.createTempDirectory("vtimerlab-lessons");
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".lesson")).toList()) {
                Files.copy(p, folder.resolve(p.getFileName()));
            }
        }
        return folder;
    }

    private static List<Label> visibleLabels(FxRobot robot, String selector) {
        return robot.lookup(selector).queryAllAs(Label.class).stream().filter(Node::isVisible).toList();
    }

    @Test
    void onTheFirstRunTheLessonsAreNumberedAndTheFirstSaysStartHere(FxRobot robot) throws Exception {
        LessonPanel p = open(robot, shippedLessonsCopy(), Files.createTempDirectory("vtimerlab-first-run"));
        List<String> titles = visibleLabels(robot, ".lesson-cell-title").stream().map(Label::getText).toList();
        assertThat(titles).isNotEmpty();
        assertThat(titles.get(0)).startsWith("1. ");
        for (int i = 0; i < titles.size(); i++) {
            assertThat(titles.get(i)).startsWith((i + 1) + ". ");
        }
        List<Label> startHere = visibleLabels(robot, "#" + LessonPanel.START_HERE_ID);
        assertThat(startHere).hasSize(1);
        assertThat(startHere.get(0).getText()).isEqualTo("Start here");
        // Start opens the first lesson
        robot.clickOn("#" + LessonPanel.START_ID);
        waitUntil(() -> p.lesson() != null);
        assertThat(p.lesson().number()).hasValue(1);
        // a lesson is opened by its number as --lesson 7 does; the title carries the number
        robot.interact(() -> window.openLesson("7", 0));
        waitUntil(() -> p.lesson() != null && p.lesson().number().orElse(0) == 7);
        assertThat(p.lesson().id()).isEqualTo("07-blocking-flow1");
        assertThat(robot.lookup("#" + LessonPanel.LESSON_TITLE_ID).queryAs(Label.class).getText()).startsWith("7. ");
    }

    @Test
    void brokenLessonsAndADamagedProgressFileCostOnlyWhatTheyMust(FxRobot robot) throws Exception {
        Path folder = shippedLessonsCopy();
        for (int i = 0; i < 14; i++) {
            Files.writeString(folder.resolve("broken-" + i + ".lesson"), "# Broken " + i + "\nminutes: x\n"
                    + "## Step: nothing\npredict: vcpu0.mode ==\n");
        }
        Path home = Files.createTempDirectory("vtimerlab-damaged");
        Files.writeString(home.resolve("progress.txt"), ProgressStore.HEADER + "\n"
                + "lesson 01-generic-timer step=3 done=0,1,2\n"
                + "lesson 02-gic-life step=two done=0\n"
                + "lesson 03-priority-drop step=999999 done=0\n"
                + "lesson 99-no-such-lesson step=1 done=0\n");
        LessonPanel p = open(robot, folder, home);

        // the notices name what was lost and where the file was copied; each closes
        waitUntil(() -> !p.notice().isEmpty());
        String notice = p.notice();
        assertThat(notice).contains("line 3").contains("step=999999 ignored").contains("99-no-such-lesson")
                .contains("corrupt-");
        try (Stream<Path> s = Files.list(home)) {
            assertThat(s.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("progress.txt.corrupt-"));
        }
        assertThat(p.progress().done("01-generic-timer")).containsExactly(0, 1, 2);
        assertThat(p.progress().done("02-gic-life")).isEmpty();
        List<Button> closes = robot.lookup("." + Notices.CLOSE_CLASS).queryAllAs(Button.class).stream().toList();
        assertThat(closes).isNotEmpty();
        for (Button b : closes) {
            robot.clickOn(b);
        }
        waitUntil(() -> p.notice().isEmpty());

        // the problems scroll inside a third of the panel; the panel stays above the playback bar
        Node scroll = robot.lookup("#" + LessonPanel.PROBLEMS_ID + "-scroll").query();
        assertThat(scroll.isVisible()).isTrue();
        Bounds problems = scroll.localToScene(scroll.getLayoutBounds());
        Bounds panel = p.localToScene(p.getLayoutBounds());
        assertThat(problems.getHeight()).isLessThanOrEqualTo(panel.getHeight() / 3 + 1);
        assertThat(problems.getMaxY()).isLessThanOrEqualTo(panel.getMaxY() + 0.5);
        Node bar = robot.lookup("#" + PlaybackBar.PLAY_ID).query();
        Bounds play = bar.localToScene(bar.getLayoutBounds());
        assertThat(panel.getMaxY() <= play.getMinY() || panel.getMinX() >= play.getMaxX()
                || panel.getMaxX() <= play.getMinX()).as("the lesson panel does not cover the playback bar").isTrue();
        Node list = robot.lookup("#" + LessonPanel.LIST_ID).query();
        assertThat(list.getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(LessonList.LIST_MIN_HEIGHT - 1);

        // lesson 1's bar is filled to 3 of its steps, and the fill is drawn
        Lesson first = p.lessons().get(0);
        ProgressBar firstBar = robot.lookup(".lesson-cell-progress").queryAllAs(ProgressBar.class).stream()
                .filter(Node::isVisible).findFirst().orElseThrow();
        assertThat(firstBar.getProgress()).isEqualTo(3.0 / first.steps().size());
        Node fill = firstBar.lookup(".bar");
        assertThat(fill.getLayoutBounds().getWidth()).as("the drawn fill")
                .isGreaterThan(firstBar.getWidth() * firstBar.getProgress() * 0.5);
        assertThat(fill.getLayoutBounds().getHeight()).as("the drawn fill").isGreaterThan(3);
    }
}
