package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
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

import vtimerlab.app.timeline.KernelTimelineView;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.Step;

/**
 * Two runs side by side, as a student opens them: Compare designs (issue 4; issue 10, point 8: it opens on the
 * result, both charts on one y scale) and Compare flows (issue 10, point 1: from the View menu, with the seed
 * commit's flow 1 and flow 2 by default, another scenario picked on one side, and from a lesson step).
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompareWindowTest {
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test");
        // the whole main window is built for each test; on the shared 2-core machine under load that took over a
        // minute (the default limit) before any assertion ran
        org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        window.open(Path.of("assets", "scenarios", "hypercalls-optimized.scn"));
    }

    private static String labels(GridPane table) {
        return table.getChildren().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "|" + b);
    }

    private static List<String> barNames(KernelTimelineView t) throws Exception {
        return vtimerlab.app.view.PanelShots.fx(() -> t.barNodes().stream().map(Label::getText).toList());
    }

    @Test
    @Order(1)
    void compareDesignsOpensOnTheResultWithTotalsAndOneYScale(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().furthest() > 0);
        CompareWindow[] w = new CompareWindow[1];
        robot.interact(() -> w[0] = window.compareDesigns());
        try {
            designsSideBySide(robot, w[0]);
        } finally {
            robot.interact(() -> w[0].stage().close());
        }
    }

    private void designsSideBySide(FxRobot robot, CompareWindow... w) throws Exception {
        // no playing needed: the window opens on the end of both runs
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w[0].optimized().frame() != null
                && w[0].legacy().frame() != null && w[0].optimized().frame().atEnd()
                && w[0].legacy().frame().atEnd());
        WaitForAsyncUtils.waitForFxEvents();
        String text = labels(robot.lookup("#" + CompareWindow.TABLE_ID).queryAs(GridPane.class));
        assertThat(text).contains("Timer register reads|20|0|-20").contains("Timer register writes|50|0|-50")
                .contains("Totals at the end of both runs");
        assertThat(w[0].legacy().frame().design()).isEqualTo(vtimerlab.engine.Design.LEGACY);
        assertThat(w[0].legacy().frame().stat("world_switches")).isEqualTo(20);
        // one y scale: the legacy side counts more, and the optimized chart is drawn to the same height
        assertThat(w[0].counters(0).yUpper()).isEqualTo(w[0].counters(1).yUpper()).isGreaterThanOrEqualTo(50);
    }

    @Test
    @Order(2)
    void compareFlowsShowsFlowOneBesideFlowTwoAndTakesAnotherScenario(FxRobot robot) throws Exception {
        CompareWindow[] w = new CompareWindow[1];
        robot.interact(() -> w[0] = window.compareFlows());
        try {
            flowsSideBySide(robot, w[0]);
        } finally {
            robot.interact(() -> w[0].stage().close());
        }
    }

    private void flowsSideBySide(FxRobot robot, CompareWindow... w) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w[0].left().frame() != null
                && w[0].right().frame() != null && w[0].left().frame().atEnd() && w[0].right().frame().atEnd());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w[0].stage().getTitle()).contains(CompareWindow.FLOW1).contains(CompareWindow.FLOW2);
        // flow 1 sleeps in schedule(); flow 2 finds the timer expired when it blocks and never calls it
        assertThat(barNames(w[0].timeline(0))).contains("kvm_vcpu_block", "schedule");
        assertThat(barNames(w[0].timeline(1))).contains("kvm_vcpu_block").doesNotContain("schedule");
        String text = labels(robot.lookup("#" + CompareWindow.TABLE_ID).queryAs(GridPane.class));
        assertThat(text).contains("|" + CompareWindow.FLOW1 + "|" + CompareWindow.FLOW2 + "|difference")
                .contains("Totals at the end of both runs");
        assertThat(w[0].counters(0).yUpper()).isEqualTo(w[0].counters(1).yUpper());

        // the student picks another scenario for the right side
        @SuppressWarnings("unchecked")
        ComboBox<String> right = robot.lookup("#" + CompareWindow.PICK_ID + 1).queryAs(ComboBox.class);
        robot.interact(() -> right.setValue("hypercalls-optimized"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w[0].right().frame() != null
                && w[0].right().frame().source().startsWith("hypercalls-optimized")
                && w[0].right().frame().atEnd());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(labels(robot.lookup("#" + CompareWindow.TABLE_ID).queryAs(GridPane.class)))
                .contains("World switches|2|20|18");
    }

    @Test
    @Order(3)
    void aLessonStepWithACompareLineOpensCompareFlowsOnItsScenarios(FxRobot robot) throws Exception {
        Lesson seven = vtimerlab.app.view.PanelShots.fx(() -> window.lessons().lessons().stream()
                .filter(l -> l.id().startsWith("07")).findFirst().orElseThrow());
        int k = 0;
        while (seven.steps().get(k).comparison() == null) {
            k++;
        }
        Step step = seven.steps().get(k);
        int at = k;
        robot.interact(() -> window.lessons().open(seven, at));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#lesson-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listWindows().stream()
                .anyMatch(s -> s instanceof Stage st && st.getTitle() != null
                        && st.getTitle().startsWith("Compare flows")));
        Stage compare = (Stage) robot.listWindows().stream().filter(s -> s instanceof Stage st
                && st.getTitle() != null && st.getTitle().startsWith("Compare flows")).findFirst().orElseThrow();
        assertThat(compare.getTitle()).contains(step.comparison().left().replace("example:", ""))
                .contains(step.comparison().right().replace("example:", ""));
        robot.interact(compare::close);
    }
}
