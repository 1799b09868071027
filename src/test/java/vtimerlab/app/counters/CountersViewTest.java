package vtimerlab.app.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.ExpiryPanels.mount;
import static vtimerlab.app.view.ExpiryPanels.shootEverySize;
import static vtimerlab.app.view.ExpiryPanels.show;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.ExpiryPanels;

/**
 * The counters, read as a student reads them, on the shipped example "expiry-optimized": the numbers follow the
 * engine's stats, the chart follows stepping back and keeps at most 500 points. Screenshots in both themes and four
 * sizes, checked for clipped and overlapping text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class CountersViewTest {
    private Stage stage;
    private ExpiryPanels run;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void open() throws Exception {
        run = new ExpiryPanels();
    }

    @Test
    void theCountersShowTheStatsAndTheChartFollowsSteppingBack(FxRobot robot) throws Exception {
        CountersView counters = mount(stage, CountersView::new);
        long end = run.toEnd().event();
        show(counters, run.at(0));
        assertThat(counters.valueText("world_switches")).isEqualTo("0");
        for (long e = 1; e <= end; e++) {
            show(counters, run.at(e));
        }
        Frame f = run.session.frame();
        for (String key : f.stats().keySet()) {
            assertThat(counters.valueText(key)).as(key).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
                    f.stat(key)));
        }
        assertThat(f.stat("world_switches")).isEqualTo(2);
        assertThat(f.stat("host_timer_irqs")).isEqualTo(1);
        assertThat(counters.valueText("violations")).isEqualTo("0");
        assertThat(counters.isViolation("violations")).isFalse();
        assertThat(counters.pointCount()).isEqualTo((int) end + 1);
        assertThat(counters.seriesSizes()).as("every count but the cycles").containsOnly((int) end + 1).hasSize(7);

        assertThat(counters.stepText()).startsWith("last step: ");
        show(counters, run.at(9));
        assertThat(counters.stepText()).isEqualTo("stepped back to event 9: the chart drops what came after");
        assertThat(counters.lastPointEvent()).isEqualTo(9);
        assertThat(counters.pointCount()).isEqualTo(10);
        assertThat(counters.seriesSizes()).containsOnly(10);
        assertThat(counters.valueText("world_switches")).isEqualTo(String.valueOf(run.session.frame().stat(
                "world_switches")));
        robot.interact(() -> counters.setPlotCycles(true));
        assertThat(counters.seriesSizes()).containsExactly(10);
    }

    @Test
    void theChartKeepsAtMostFiveHundredPoints(FxRobot robot) throws Exception {
        CountersView counters = mount(stage, CountersView::new);
        Frame f = run.toEnd();
        robot.interact(() -> {
            for (int i = 0; i < 1200; i++) {
                counters.show(new Frame(f.time(), i, 1200, f.design(), f.cpus(), f.vcpus(), f.stats(),
                        i == 1199 ? 2 : 0, f.recentTrace(), f.traceSize() + i, f.source()));
            }
        });
        assertThat(counters.pointCount()).isLessThanOrEqualTo(CountersView.MAX_POINTS).isGreaterThan(200);
        assertThat(counters.lastPointEvent()).isEqualTo(1199);
        assertThat(counters.isViolation("violations")).isTrue();
        assertThat(counters.valueText("violations")).isEqualTo("2");
    }

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        List<Frame> counting = run.frames(run.toEnd());
        assertThat(shootEverySize(stage, "counters", CountersView::new, counting)).isEmpty();
    }
}
