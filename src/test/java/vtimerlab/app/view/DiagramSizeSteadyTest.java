package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.PlaybackBar;

/**
 * A student steps through the welcome example with the lesson panel open, where the diagrams are too narrow for
 * their full size and are drawn smaller. Each diagram must keep its size from step to step: one that grows, finds
 * it no longer fits (a scroll bar appears, a caption gains a line) and shrinks back, frame after frame, jumps in
 * front of the student and restyles itself on every frame.
 */
@ExtendWith(ApplicationExtension.class)
class DiagramSizeSteadyTest {

    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-steady");
        java.util.prefs.Preferences.userRoot().node("vtimerlab-test-steady").removeNode();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.showLessons(true);
        stage.show();
        window.openWelcome();
    }

    /** The font scale each diagram is drawn at now (its em style), by panel. */
    private Map<String, String> scales() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String panel : List.of("panel-timer", "panel-gic", "panel-lrs")) {
            List<String> styles = new ArrayList<>();
            collect(window.scene().lookup("#" + panel), styles);
            out.put(panel, String.join(" ", styles));
        }
        return out;
    }

    private static void collect(Node n, List<String> styles) {
        if (n.getStyle() != null && n.getStyle().contains("-fx-font-size") && n.getStyle().contains("em")) {
            styles.add(n.getStyle());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, styles);
            }
        }
    }

    @Test
    void aDiagramKeepsItsSizeFromStepToStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.session().frame() != null && window.session().frame().furthest() > 20);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::lessonsShown);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + PlaybackBar.STEP_ID); // the first frame settles the layout
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        long furthest = window.session().frame().furthest();
        for (int i = 1; i < furthest; i++) {
            long at = i + 1;
            robot.clickOn("#" + PlaybackBar.STEP_ID);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.session().frame().event() == at);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> { });
            scales().forEach((panel, style) -> {
                List<String> list = seen.computeIfAbsent(panel, k -> new ArrayList<>());
                if (list.isEmpty() || !list.get(list.size() - 1).equals(style)) {
                    list.add(style);
                }
            });
        }
        // the lesson panel leaves the diagrams less than their full width: they are drawn smaller (so the test
        // looks at scaled diagrams) ...
        assertThat(String.join(" ", scales().values())).contains("em");
        seen.forEach((panel, sizes) -> {
            // ... and no size is left and taken again, and a diagram changes size at most once over the run
            assertThat(sizes).as(panel + " sizes in step order").doesNotHaveDuplicates();
            assertThat(sizes.size()).as(panel + " sizes: " + sizes).isLessThanOrEqualTo(2);
        });
    }
}
