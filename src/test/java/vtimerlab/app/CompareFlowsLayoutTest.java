package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.view.PanelShots;

/**
 * Compare flows (Ctrl+Shift+D) on a 1280x720 screen: each side's kernel timeline gets a height one can read (it was
 * squeezed to about 40 pixels under the counters), a divider between counters and timeline can be dragged (both
 * sides move together), and the next Compare flows opens with the divider where it was left.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class CompareFlowsLayoutTest {
    /** Enough for a few rows of kernel functions: the timeline's own rows are about 24 pixels high at 100 %. */
    private static final double READABLE = 200;

    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-compare-layout");
        org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.setZoom(1.0);
        stage.show();
        window.open(Path.of("assets", "scenarios", "hypercalls-optimized.scn"));
    }

    private CompareWindow openAt1280x720(FxRobot robot) throws Exception {
        CompareWindow[] w = new CompareWindow[1];
        robot.interact(() -> {
            w[0] = window.compareFlows();
            w[0].stage().setX(0);
            w[0].stage().setY(0);
            w[0].stage().setWidth(1280);
            w[0].stage().setHeight(720);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w[0].left().frame() != null
                && w[0].right().frame() != null);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return w[0];
    }

    private static double[] timelineHeights(CompareWindow w) throws Exception {
        return PanelShots.fx(() -> new double[] {w.timeline(0).getHeight(), w.timeline(1).getHeight()});
    }

    @Test
    void theTimelineIsReadableAtFirstAndTheDividerIsDraggedAndRemembered(FxRobot robot) throws Exception {
        CompareWindow w = openAt1280x720(robot);
        double[] first;
        double dragged;
        try {
            first = timelineHeights(w);
            assertThat(first[0]).as("the left timeline's height at 1280x720").isGreaterThanOrEqualTo(READABLE);
            assertThat(first[1]).isCloseTo(first[0], within(2.0));

            Node divider = robot.lookup("#" + CompareWindow.ROWS_ID + "0").lookup(".split-pane-divider").query();
            Bounds b = PanelShots.fx(() -> divider.localToScreen(divider.getBoundsInLocal()));
            robot.drag(b.getCenterX(), b.getCenterY()).dropTo(new javafx.geometry.Point2D(b.getCenterX(),
                    b.getCenterY() - 60));
            WaitForAsyncUtils.waitForFxEvents();
            double[] after = timelineHeights(w);
            assertThat(after[0]).as("dragged up, the timeline grows").isGreaterThan(first[0] + 40);
            assertThat(after[1]).as("the other side follows").isCloseTo(after[0], within(2.0));
            dragged = PanelShots.fx(() -> ((SplitPane) robot.lookup("#" + CompareWindow.ROWS_ID + "1").query())
                    .getDividerPositions()[0]);
        } finally {
            robot.interact(() -> w.stage().close());
        }

        CompareWindow again = openAt1280x720(robot);
        try {
            double position = PanelShots.fx(() -> ((SplitPane) robot.lookup("#" + CompareWindow.ROWS_ID + "0")
                    .query()).getDividerPositions()[0]);
            assertThat(position).as("the divider where it was left").isCloseTo(dragged, within(0.02));
        } finally {
            robot.interact(() -> again.stage().close());
        }
    }
}
